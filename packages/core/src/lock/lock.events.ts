import { EventEmitter } from '../events/event-emitter.js';
import type { LockLostError } from './lock-lost.error.js';
import type { LockReleaseFailedError } from './lock-release-failed.error.js';

/** Emitted by `Lock.onAcquired` when a lease is taken. */
export interface LockAcquiredEvent {
  readonly name: string;
  readonly token: number;
  /** How long the caller waited, in milliseconds. */
  readonly waitedMs: number;
}

/** Emitted by `Lock.onReleased` when a holder released its lease. */
export interface LockReleasedEvent {
  readonly name: string;
  readonly token: number;
  /** How long the lease was held, in milliseconds. */
  readonly heldMs: number;
}

/** Emitted by `Lock.onLost` when a holder lost its lease before releasing it. */
export interface LockLostEvent {
  readonly name: string;
  readonly token: number;
  /** The reason the holder's signal aborted with. */
  readonly error: LockLostError;
}

/** Emitted by `Lock.onReleaseFailed` when too few nodes confirmed a release. */
export interface LockReleaseFailedEvent {
  readonly name: string;
  readonly token: number;
  readonly error: LockReleaseFailedError;
}

/** @internal The emitters behind a lock's events, shared by every implementation. */
export class LockEmitters {
  readonly acquired = new EventEmitter<LockAcquiredEvent>();
  readonly released = new EventEmitter<LockReleasedEvent>();
  readonly lost = new EventEmitter<LockLostEvent>();
  readonly releaseFailed = new EventEmitter<LockReleaseFailedEvent>();
}
