import { isClusterClient, type RedisClient } from './redis-client.js';

/** @internal What a channel listener uses of its dedicated connection. */
interface SubscriberConnection {
  readonly status: string;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'ready', listener: () => void): unknown;
  on(event: 'message', listener: (channel: string, message: string) => void): unknown;
  subscribe(channel: string): Promise<unknown>;
  connect(): Promise<void>;
  disconnect(): void;
}

/** @internal What a channel listener reports. */
export interface ChannelHandlers {
  /** A message arrived on the channel. */
  message(text: string): void;
  /** The connection came back and listens again: messages published meanwhile were lost. */
  resubscribed(): void;
  /** The connection failed, or subscribing did. */
  error(error: Error): void;
}

/**
 * @internal Listens on one pub/sub channel over a dedicated connection (`client.duplicate()`): a
 * connection in subscriber mode cannot run other commands, so it is never the caller's client.
 * Opened lazily; subscribes again on every reconnection and says so, since pub/sub is
 * at-most-once and whatever was published in between is gone.
 */
export class ChannelListener {
  private connection: SubscriberConnection | undefined;
  private subscribedOnce = false;
  private markListening!: () => void;
  private readonly firstListening = new Promise<void>((resolve) => (this.markListening = resolve));

  constructor(
    private readonly client: RedisClient,
    private readonly channel: string,
    private readonly handlers: ChannelHandlers,
  ) {}

  /** Opens the connection unless it is open already. */
  open(): void {
    if (this.connection !== undefined) return;
    const connection = duplicateForSubscribing(this.client);
    this.connection = connection;
    connection.on('error', (error) => this.handlers.error(error));
    connection.on('message', (channel, text) => {
      if (channel === this.channel) this.handlers.message(text);
    });
    connection.on('ready', () => {
      connection.subscribe(this.channel).then(
        () => this.onSubscribed(),
        (error: Error) => this.handlers.error(error),
      );
    });
    // A client made with lazyConnect is duplicated lazy too; its errors arrive as 'error' events.
    if (connection.status === 'wait') connection.connect().catch(() => undefined);
  }

  /** @returns a promise settled once the connection first listens on the channel */
  listening(): Promise<void> {
    this.open();
    return this.firstListening;
  }

  /** Closes the dedicated connection. */
  close(): void {
    this.connection?.disconnect();
  }

  private onSubscribed(): void {
    if (this.subscribedOnce) {
      this.handlers.resubscribed();
      return;
    }
    this.subscribedOnce = true;
    this.markListening();
  }
}

/** It queues while offline, whatever the caller's client does: it only ever subscribes once ready. */
function duplicateForSubscribing(client: RedisClient): SubscriberConnection {
  if (isClusterClient(client)) return client.duplicate() as unknown as SubscriberConnection;
  return client.duplicate({ enableOfflineQueue: true }) as unknown as SubscriberConnection;
}
