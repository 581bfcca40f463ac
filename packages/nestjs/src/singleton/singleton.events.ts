import type { LeaderElector, LockNotAcquiredReason } from '@bulwark/core';

/**
 * Emitted by `BulwarkLocks.onRefused` when a `@Singleton` call did not run: the lock was held
 * (`'held'`), or no majority of lock nodes answered (`'unavailable'`), or acquiring was too slow
 * (`'too-slow'`); for a leader-only method, another instance leads (`'held'`) or no leader is
 * known (`'unavailable'`).
 */
export interface SingletonRefusedEvent {
  /** `Class.method`. */
  readonly method: string;
  readonly mode: 'lock' | 'leader';
  /** The lock's name, or the election's. */
  readonly name: string;
  readonly reason: LockNotAcquiredReason;
}

/**
 * Emitted by `BulwarkLocks.onFailover` when this instance is elected after another leader: the
 * time since this instance last saw that leader hold the election's lease. The lease stood vacant
 * for less than that; a leader that died without resigning held it up to `lease` longer.
 */
export interface LeaderFailoverEvent {
  readonly election: string;
  /** The id of the leader before this instance. */
  readonly previousLeader: string;
  readonly ms: number;
}

/** An election this application campaigns in, as `BulwarkLocks.elections()` lists it. */
export interface ElectionEntry {
  readonly name: string;
  readonly elector: LeaderElector;
}
