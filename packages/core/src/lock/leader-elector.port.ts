import type { Event } from '../events/event.js';
import { LeaderElectorEmitters, type ElectedEvent, type Leadership, type NewLeaderEvent, type RevokedEvent } from './leader-elector.events.js';

/**
 * Chooses one leader among the instances that campaign under the same election name: the port
 * every elector implements (`InMemoryLeaderElector` in one process, `RedisLeaderElector` across
 * processes). An abstract class, so it is both the type and the injection token.
 *
 * @example
 * elector.onElected(({ token, signal }) => startConsumers({ token, signal }));
 * await elector.start();
 * // on shutdown:
 * await elector.stop();
 */
export abstract class LeaderElector {
  /** @internal Implementations emit through these. */
  protected readonly electorEmitters = new LeaderElectorEmitters();

  /** Fires when this instance becomes the leader, with the term's token and signal. */
  readonly onElected: Event<ElectedEvent> = this.electorEmitters.elected.event;
  /** Fires when this instance stops being the leader; the term's signal aborts just before. */
  readonly onRevoked: Event<RevokedEvent> = this.electorEmitters.revoked.event;
  /** Fires when this instance learns of a different leader, itself included. */
  readonly onNewLeader: Event<NewLeaderEvent> = this.electorEmitters.newLeader.event;

  /** This instance's id in the election, as other instances see it in `currentLeader()`. */
  abstract readonly id: string;

  /**
   * Starts campaigning. Resolves after the first attempt, so `isLeader()` is meaningful at once.
   * Starting twice is harmless; a stopped elector does not start again.
   */
  abstract start(): Promise<void>;

  /** Stops campaigning and resigns leadership if held, so another instance can lead at once. */
  abstract stop(): Promise<void>;

  /** @returns whether this instance leads now */
  abstract isLeader(): boolean;

  /** @returns the id of the leader this instance knows of, or `undefined` when it knows none */
  abstract currentLeader(): string | undefined;

  /** @returns this instance's current term, or `undefined` when it does not lead */
  abstract leadership(): Leadership | undefined;
}
