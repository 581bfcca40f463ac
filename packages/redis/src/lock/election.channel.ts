import type { Redis } from 'ioredis';
import { answerWithin } from './node-answer.js';

/** @internal What electors announce to each other: a new leader, or a leader that resigned. */
export interface ElectionMessage {
  readonly type: 'elected' | 'resigned';
  readonly id: string;
}

/**
 * @internal Announcements between electors over Redis pub/sub, on every lock node so any majority
 * of live nodes carries them. Only a shortcut: failover never depends on a message arriving,
 * since followers also campaign every retry period.
 */
export class ElectionChannel {
  private subscribers: Redis[] = [];

  /**
   * @param clients the lock's nodes
   * @param channel the channel name
   * @param timeoutMs how long to wait for one node to subscribe or publish
   */
  constructor(
    private readonly clients: readonly Redis[],
    readonly channel: string,
    private readonly timeoutMs: number,
  ) {}

  /** Subscribes on every node through a dedicated connection; a node that is down is skipped for now. */
  async open(listener: (message: ElectionMessage) => void): Promise<void> {
    this.subscribers = this.clients.map((client) => {
      // A subscribed connection can run no other command, so it gets its own.
      const subscriber = client.duplicate();
      subscriber.on('error', () => undefined);
      subscriber.on('message', (channel: string, raw: string) => {
        const message = channel === this.channel ? parse(raw) : undefined;
        if (message) listener(message);
      });
      return subscriber;
    });
    await Promise.all(this.subscribers.map((subscriber) => answerWithin(subscriber.subscribe(this.channel), this.timeoutMs)));
  }

  /** Publishes on every node, waiting at most the timeout for each. */
  async publish(message: ElectionMessage): Promise<void> {
    const raw = JSON.stringify(message);
    await Promise.all(this.clients.map((client) => answerWithin(client.publish(this.channel, raw), this.timeoutMs)));
  }

  /** Closes the subscriber connections. */
  close(): void {
    for (const subscriber of this.subscribers) subscriber.disconnect();
    this.subscribers = [];
  }
}

function parse(raw: string): ElectionMessage | undefined {
  try {
    const message = JSON.parse(raw) as Partial<ElectionMessage>;
    return (message.type === 'elected' || message.type === 'resigned') && typeof message.id === 'string' ? (message as ElectionMessage) : undefined;
  } catch {
    return undefined;
  }
}
