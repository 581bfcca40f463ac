import { MemoryCacheStore, type CacheOptions, type TieredCacheStore } from '@bulwark/core';
import { createRedisCacheTier, type RedisCacheTier, type RedisClient } from '@bulwark/redis';
import type { ResolvedCacheOptions } from '../options/bulwark-options.token.js';

/** Where an application's caches keep their entries: memory only, or memory in front of Redis. */
export interface CacheBackend {
  /** Spread into every `cache({ name, ... })`: namespace, store and, with Redis, the single flight. */
  readonly cacheOptions: Pick<CacheOptions, 'namespace' | 'store' | 'singleFlight'>;
  /** The per-process memory tier (the only one without Redis). */
  readonly l1: MemoryCacheStore;
  /** The two-tier store in front of Redis, when one is configured: it reports hits by tier. */
  readonly tiered: TieredCacheStore | undefined;
  /** The Redis tier, when one is configured: its breaker state is what health reports. */
  readonly tier: RedisCacheTier | undefined;
  /** Closes what the backend opened (never a client the application passed in). */
  close(): void;
}

/**
 * Builds the backend the options ask for: the embedded in-memory default, or the two-tier Redis
 * backend of `@bulwark/redis` (fail-open, with cross-instance invalidation and single flight).
 *
 * @param options the resolved `cache` options
 * @returns the backend
 */
export function createCacheBackend(options: ResolvedCacheOptions): CacheBackend {
  if (options.redis === undefined) {
    const store = new MemoryCacheStore({ ...options.l1, clock: options.clock });
    return { cacheOptions: { namespace: options.namespace, store }, l1: store, tiered: undefined, tier: undefined, close: () => {} };
  }
  const connection = isClient(options.redis) ? { client: options.redis } : { redis: options.redis };
  const tier = createRedisCacheTier({ ...connection, namespace: options.namespace, l1: options.l1, clock: options.clock, ...options.tier });
  return { cacheOptions: tier.cacheOptions, l1: tier.l1, tiered: tier.store, tier, close: () => tier.close() };
}

/** An ioredis client (standalone, Sentinel or Cluster) rather than options to make one. */
function isClient(redis: unknown): redis is RedisClient {
  return typeof (redis as { duplicate?: unknown } | null)?.duplicate === 'function';
}
