import type { CircuitBreakerOptions, Clock, Duration, MemoryCacheStoreOptions, Serializer } from '@bulwark/core';
import type { RedisOptions } from 'ioredis';
import type { RedisClient } from './redis-client.js';
import type { RedisSingleFlightOptions } from './redis-single-flight.options.js';

/**
 * Options of {@link createRedisCacheTier}. Give either `client` (yours: the tier never closes it)
 * or `redis` (the tier opens, configures for fail-fast and closes its own connection).
 */
export interface RedisCacheTierOptions {
  /** An ioredis client: standalone, Sentinel-backed or Cluster. Configure it to fail fast (see `failFastRedisOptions`). */
  readonly client?: RedisClient;
  /** A `redis://` URL or ioredis options for the tier's own client, merged over `failFastRedisOptions(commandTimeout)`. */
  readonly redis?: string | RedisOptions;
  /** Starts every key and channel; give caches the same one (the tier's `cacheOptions` does). @default 'bulwark' (the cache engine's) */
  readonly namespace?: string;
  /** Encodes L2 entries. @default taggedJsonSerializer */
  readonly serializer?: Serializer;
  /** Larger encoded values are not written to Redis (a warning says so). @default 1 MiB */
  readonly maxValueBytes?: number;
  /** How long Redis remembers a tag invalidation; must exceed every tagged entry's `ttl + grace`. @default '720h' */
  readonly tagTtl?: Duration;
  /** Keys per SCAN round and per UNLINK when a cache is cleared. @default 500 */
  readonly deleteBatchSize?: number;
  /** The per-process L1's limits. @default MemoryCacheStore's defaults (10 000 entries) */
  readonly l1?: MemoryCacheStoreOptions;
  /** The longest an L1 copy lives before Redis is read again: bounds the harm of a lost invalidation. @default the entry's own lifetime */
  readonly l1Ttl?: Duration;
  /** The longest one Redis call may take before it counts as failed (a miss or a no-op). @default '100ms' */
  readonly commandTimeout?: Duration;
  /** The circuit breaker around Redis, merged over `{ name: 'redis-cache:<namespace>', consecutiveFailures: 5, openDuration: '5s' }`. */
  readonly breaker?: CircuitBreakerOptions;
  /** Cross-instance single flight: `false` turns it off, an object tunes its polling. @default true */
  readonly singleFlight?: boolean | Pick<RedisSingleFlightOptions, 'pollInterval' | 'maxPollInterval'>;
  /** The wall clock (epoch ms) of entries and invalidations. @default wallClock */
  readonly clock?: Clock;
}
