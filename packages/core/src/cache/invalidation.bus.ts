import type { Disposable } from '../events/event.js';

/**
 * One invalidation broadcast to other instances so they drop their L1 copies.
 *
 * @example
 * const message: InvalidationMessage = { kind: 'tag', value: 'sku:42', at: Date.now(), origin: 'pod-a' };
 */
export interface InvalidationMessage {
  /** What `value` names: one key, a key prefix (a whole cache name), or a tag. */
  readonly kind: 'key' | 'prefix' | 'tag';
  /** The key, prefix or tag. */
  readonly value: string;
  /** Wall-clock epoch ms of the invalidation. */
  readonly at: number;
  /** Identifies the publishing instance, so it can ignore its own messages. */
  readonly origin: string;
}

/**
 * Tells other instances to drop their L1 copies. Redis pub/sub implements it in `@bulwark/redis`;
 * in a single process nothing needs telling.
 *
 * @example
 * const subscription = bus.subscribe((message) => console.log(message.kind, message.value));
 * subscription.dispose();
 */
export abstract class InvalidationBus {
  /** @param message the invalidation to broadcast */
  abstract publish(message: InvalidationMessage): Promise<void>;
  /**
   * @param listener called for every message, including this instance's own
   * @returns a handle that unsubscribes
   */
  abstract subscribe(listener: (message: InvalidationMessage) => void): Disposable;
}
