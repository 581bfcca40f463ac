import type { Clock, Duration } from '@bulwark/core';
import type { RedisClient } from './redis-client.js';

/** Options of {@link RedisSingleFlight}. */
export interface RedisSingleFlightOptions {
  /** Takes locks and publishes on it, and duplicates it once for the subscriber connection. Never closed by the single flight. */
  readonly client: RedisClient;
  /** Instances with the same namespace coordinate; landings are announced on `<namespace>:__landed`. */
  readonly namespace: string;
  /** A waiter's first re-read if no landing is announced; doubles up to `maxPollInterval`. @default '25ms' */
  readonly pollInterval?: Duration;
  /** The longest pause between two re-reads of a waiter. @default '500ms' */
  readonly maxPollInterval?: Duration;
  /**
   * Runs each of the single flight's Redis commands (lock, release, announcement), e.g. under a
   * time limit and a circuit breaker: `createRedisCacheTier` passes its L2's `execute`, so a hung
   * Redis costs no more than `commandTimeout` here either. @default runs them as they are
   */
  readonly runCommand?: <R>(command: () => Promise<R>) => Promise<R>;
  /** The monotonic clock bounding `maxWaitMs`. @default systemClock */
  readonly clock?: Clock;
}

/** Defaults of {@link RedisSingleFlightOptions}, in one place. */
export const redisSingleFlightDefaults = { pollInterval: '25ms', maxPollInterval: '500ms' } as const;
