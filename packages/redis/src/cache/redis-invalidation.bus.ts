import { EventEmitter, InvalidationBus, type Disposable, type Event, type InvalidationMessage } from '@bulwark/core';
import { redisMessages } from '../redis.messages.js';
import { ChannelListener } from './channel-listener.js';
import { decodeInvalidation, encodeInvalidation } from './invalidation-message.codec.js';
import { resolveRedisInvalidationBusOptions, type RedisInvalidationBusConfig } from './redis-invalidation-bus.config.js';
import type { RedisInvalidationBusOptions } from './redis-invalidation-bus.options.js';
import { invalidationChannel } from './redis-keys.js';

/**
 * The `origin` of the message a bus delivers after its subscriber reconnects: messages published
 * while it was away are lost, so every L1 entry of the namespace must go.
 */
export const RESYNC_ORIGIN = 'bulwark:resync';

/**
 * An invalidation bus over Redis pub/sub: instances sharing a namespace tell each other to drop
 * their L1 copies. It publishes on the given client and subscribes on one dedicated connection
 * (`client.duplicate()`), opened on the first `subscribe`. Messages are checked before delivery.
 *
 * Pub/sub is at-most-once: after the subscriber connection comes back, the bus delivers a
 * `{ kind: 'prefix', value: '<namespace>:', origin: RESYNC_ORIGIN }` message, so listeners drop
 * everything they might have missed an invalidation for.
 *
 * @example
 * const bus = new RedisInvalidationBus({ client: redis, namespace: 'shop' });
 * bus.subscribe((message) => l1.delete(message.value));
 * await bus.publish({ kind: 'key', value: 'shop:catalog:abc', at: Date.now(), origin: instanceId });
 */
export class RedisInvalidationBus extends InvalidationBus {
  /** Fires for errors of the subscriber connection and for messages that are not invalidations. */
  readonly onError: Event<Error>;

  private readonly config: RedisInvalidationBusConfig;
  private readonly channel: string;
  private readonly messages = new EventEmitter<InvalidationMessage>();
  private readonly errors = new EventEmitter<Error>();
  private readonly listener: ChannelListener;

  /**
   * @param options see {@link RedisInvalidationBusOptions}; checked here, once
   * @throws InvalidOptionError naming the option, the value and what is allowed
   */
  constructor(options: RedisInvalidationBusOptions) {
    super();
    this.config = resolveRedisInvalidationBusOptions(options);
    this.channel = invalidationChannel(this.config.namespace);
    this.onError = this.errors.event;
    this.listener = new ChannelListener(this.config.client, this.channel, {
      message: (text) => this.receive(text),
      resubscribed: () => this.resync(),
      error: (error) => this.errors.emit(error),
    });
  }

  /**
   * @param message the invalidation to broadcast
   * @throws the client's error when Redis cannot be reached
   */
  async publish(message: InvalidationMessage): Promise<void> {
    await this.config.client.publish(this.channel, encodeInvalidation(message));
  }

  /**
   * @param listener called for every message on the namespace's channel, this instance's own included
   * @returns a handle that unsubscribes the listener (the connection stays open until `close()`)
   */
  subscribe(listener: (message: InvalidationMessage) => void): Disposable {
    const subscription = this.messages.event(listener);
    this.listener.open();
    return subscription;
  }

  /** @returns a promise settled once the subscriber connection first listens on the channel */
  subscribed(): Promise<void> {
    return this.listener.listening();
  }

  /** Closes the subscriber connection (not the client it was duplicated from). */
  close(): void {
    this.listener.close();
  }

  private resync(): void {
    this.messages.emit({ kind: 'prefix', value: `${this.config.namespace}:`, at: this.config.clock.now(), origin: RESYNC_ORIGIN });
  }

  private receive(text: string): void {
    const message = decodeInvalidation(text);
    if (message !== undefined) this.messages.emit(message);
    else this.errors.emit(new Error(redisMessages.ignoredMessage(this.channel, text)));
  }
}
