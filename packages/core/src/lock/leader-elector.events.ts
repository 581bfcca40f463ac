import { EventEmitter } from '../events/event-emitter.js';
import type { LockLostReason } from './lock-lost.error.js';

/** The current term of a leader: its fencing token and the signal that aborts when it ends. */
export interface Leadership {
  /** The fencing token of this term: greater than that of every earlier leader. */
  readonly token: number;
  /** Aborts, with a `LockLostError` as its reason, when this term ends. */
  readonly signal: AbortSignal;
}

/** Emitted by `LeaderElector.onElected` when this instance becomes the leader. */
export interface ElectedEvent extends Leadership {
  /** This instance's id. */
  readonly id: string;
}

/** Emitted by `LeaderElector.onRevoked` when this instance stops being the leader. */
export interface RevokedEvent {
  /** This instance's id. */
  readonly id: string;
  /** The token of the term that ended. */
  readonly token: number;
  /** Why the term ended. */
  readonly reason: LockLostReason;
}

/** Emitted by `LeaderElector.onNewLeader` when an instance sees a different leader (itself included). */
export interface NewLeaderEvent {
  /** The id of the new leader. */
  readonly leaderId: string;
}

/** @internal The emitters behind an elector's events, shared by every implementation. */
export class LeaderElectorEmitters {
  readonly elected = new EventEmitter<ElectedEvent>();
  readonly revoked = new EventEmitter<RevokedEvent>();
  readonly newLeader = new EventEmitter<NewLeaderEvent>();
}
