import type { Clock, Duration, MemoryCacheStoreOptions } from '@bulwark/core';
import type { RedisCacheTierOptions, RedisClient } from '@bulwark/redis';
import type { NamedCacheOptions } from '../metadata/cache.metadata.js';
import type { LockModuleOptions } from './lock-module.options.js';
import type { BreakerPolicyOptions, RetryPolicyOptions } from './policy-options.js';

/**
 * How `BulwarkModule` is configured: named policies that decorators refer to, defaults under
 * them, and the behaviour of health and logging. Every value can come from configuration (see
 * `bulwarkOptionsFromEnv`); durations accept strings such as '30s'.
 *
 * Precedence, lowest first: built-in defaults, `defaults`, the named policy, the decorator's
 * inline options.
 */
export interface BulwarkModuleOptions {
  /** Options every policy of a kind starts from. */
  defaults?: {
    circuitBreaker?: BreakerPolicyOptions;
    retry?: RetryPolicyOptions;
    /** A timeout applied only to methods with `@Timeout()` and no duration. */
    timeout?: Duration;
  };
  /** Named circuit breakers: every method naming one shares one breaker. */
  circuitBreakers?: Record<string, BreakerPolicyOptions>;
  /** Named retry policies: every method naming one shares its retry budget. */
  retries?: Record<string, RetryPolicyOptions>;
  /** Named timeouts. */
  timeouts?: Record<string, Duration>;
  /** How breakers show on the health indicator. */
  health?: {
    /** What an OPEN or ISOLATED breaker does to health. @default 'down' */
    openCircuit?: 'down' | 'degraded';
  };
  /** Whether state changes are logged through Nest's `Logger`. @default true */
  logging?: boolean;
  /** The monotonic clock every policy reads (tests pass a `ManualClock`). @default systemClock */
  clock?: Clock;
  /** Caches for `@Cacheable`, `@CachePut` and `@CacheEvict`: memory only unless `redis` is given. */
  cache?: CacheModuleOptions;
  /** Locks and leader election for `@Singleton`: in-process unless `redis` is given. */
  lock?: LockModuleOptions;
}

/** Where caches keep entries, and the options every cache starts from. */
export interface CacheModuleOptions {
  /** Starts every key and channel: one per application sharing a Redis. @default 'bulwark' */
  namespace?: string;
  /** Limits of the per-process memory tier. @default 10 000 entries */
  l1?: Omit<MemoryCacheStoreOptions, 'clock'>;
  /** A `redis://` URL, ioredis options, or an ioredis client (yours: Bulwark never closes it). @default none: memory only */
  redis?: RedisCacheTierOptions['redis'] | RedisClient;
  /** With `redis`: the longest one Redis command may take before it counts as a miss. @default '100ms' */
  commandTimeout?: Duration;
  /** With `redis`: the longest a memory copy lives before Redis is read again. @default the entry's lifetime */
  l1Ttl?: Duration;
  /** With `redis`: larger encoded values are not written to Redis (a warning is logged). @default 1 MiB */
  maxValueBytes?: number;
  /** Options every cache starts from. */
  defaults?: NamedCacheOptions;
  /** Named caches: `{ catalog: { ttl: '15m', grace: '1h' } }`; a decorator naming another cache gets the defaults. */
  caches?: Record<string, NamedCacheOptions>;
  /** The wall clock (epoch ms) of entries; tests pass a `ManualClock`. @default wallClock */
  clock?: Clock;
}
