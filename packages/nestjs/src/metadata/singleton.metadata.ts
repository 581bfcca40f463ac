import type { Duration } from '@bulwark/core';

/** What a `@Singleton` method does when it may not run: return `skipResult`, or reject. */
export type SingletonOnLocked = 'skip' | 'throw';

/** Options shared by both modes of `@Singleton`. */
interface SingletonCommonOptions {
  /**
   * What happens when the method may not run here (another instance holds the lock or leads, or
   * exclusivity cannot be confirmed): `'skip'` returns `skipResult` without calling the method;
   * `'throw'` rejects (or, for a synchronous leader-only method, throws) with `LockNotAcquiredError`.
   * @default 'skip'
   */
  onLocked?: SingletonOnLocked;
  /**
   * What a skipped call returns: resolved for a Promise method, emitted then completed for an
   * Observable method (`undefined` completes without a value), returned for a synchronous one.
   * @default undefined
   */
  skipResult?: unknown;
}

/**
 * `@Singleton({ mode: 'lock' })`: every call takes a distributed lock, like ShedLock; calls on
 * other instances meanwhile skip, throw, or wait up to `waitTimeout`.
 */
export interface SingletonLockOptions extends SingletonCommonOptions {
  mode: 'lock';
  /** The lock's name: methods (on any instance) naming the same lock exclude each other. @default 'Class.method' */
  name?: string;
  /** How long a call waits for the lock before `onLocked` applies; 0 tries once. @default 0 */
  waitTimeout?: Duration;
  /**
   * ShedLock's `lockAtMostFor`: the lease is not extended, so it ends this long after it was
   * taken even if the method still runs (its signal then aborts and the call rejects with
   * `LockLostError`). Without it, the lease (the module's `lock.ttl`) is extended while the method runs.
   * @default none: extended automatically
   */
  lockAtMostFor?: Duration;
  /**
   * ShedLock's `lockAtLeastFor`: the lock stays taken until this long after it was acquired, so a
   * fast scheduled job does not run again on an instance whose clock fires slightly later.
   * @default 0
   */
  lockAtLeastFor?: Duration;
}

/** `@Singleton({ mode: 'leader' })`: the method runs only on the elected leader and is skipped elsewhere. */
export interface SingletonLeaderOptions extends SingletonCommonOptions {
  mode: 'leader';
  /** The election whose leader runs the method. @default the module's `lock.election.name` ('bulwark') */
  name?: string;
}

/** What `@Singleton` accepts. */
export type SingletonOptions = SingletonLockOptions | SingletonLeaderOptions;
