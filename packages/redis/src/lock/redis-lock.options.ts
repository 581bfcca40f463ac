import type { Clock, Duration, LockAcquireOptions, LockDefaultsOptions } from '@bulwark/core';

/** How a `RedisLock` talks to its nodes, and the defaults of its `acquire` calls. */
export interface RedisLockOptions extends LockDefaultsOptions {
  /** Prefix of every key the lock writes: `<prefix>{<name>}` and `<prefix>{<name>}:fence`. @default 'bulwark:lock:' */
  keyPrefix?: string;
  /**
   * How long to wait for one node's reply: far below the ttl, so a stalled node costs little of
   * the lease. @default '100ms'
   */
  commandTimeout?: Duration;
  /** The clock-drift allowance is `ttl × driftFactor + 2 ms`, taken off every validity. @default 0.01 */
  driftFactor?: number;
  /** The pause between attempts while waiting, randomised by `retryJitter`. @default '200ms' */
  retryDelay?: Duration;
  /** Each pause is `retryDelay × (1 ± retryJitter)`, so contenders do not collide again. @default 0.5 */
  retryJitter?: number;
  /** Who holds the lock, as `holder(name)` reports it. @default '<hostname>:<pid>' */
  owner?: string;
  /** The monotonic time source used to measure elapsed time and validity. @default systemClock */
  clock?: Clock;
  /** Uniform in `[0, 1)`, for jitter and nothing else. @default Math.random */
  random?: () => number;
}

/** `acquire` options of a `RedisLock`: the port's, plus who is acquiring. */
export interface RedisLockAcquireOptions extends LockAcquireOptions {
  /** Who holds the lock, as `holder(name)` reports it. @default the lock's `owner` */
  owner?: string;
}

/** The defaults of every Redis lock option that has one: the one place they are written. */
export const REDIS_LOCK_DEFAULTS = {
  keyPrefix: 'bulwark:lock:',
  /** Milliseconds ('100ms'). */
  commandTimeout: 100,
  driftFactor: 0.01,
  /** Milliseconds ('200ms'). */
  retryDelay: 200,
  retryJitter: 0.5,
} as const;
