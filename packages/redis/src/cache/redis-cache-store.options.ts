import type { Clock, Duration, Serializer } from '@bulwark/core';
import type { RedisClient } from './redis-client.js';

/** Options of {@link RedisCacheStore}. */
export interface RedisCacheStoreOptions {
  /** The ioredis client (standalone, Sentinel or Cluster). The store never closes it. */
  readonly client: RedisClient;
  /** Encodes entries. @default taggedJsonSerializer */
  readonly serializer?: Serializer;
  /** Encoded entries larger than this are not cached (a `value-too-large` warning says so). @default 1 MiB (1_048_576) */
  readonly maxValueBytes?: number;
  /**
   * How long a tag invalidation is remembered. Must exceed the longest `ttl + grace` of any cache
   * using tags, or an entry created before the invalidation becomes valid again. @default '720h' (30 days)
   */
  readonly tagTtl?: Duration;
  /** Keys per SCAN round and per UNLINK in `deleteByPrefix`. @default 500 */
  readonly deleteBatchSize?: number;
  /** The wall clock (epoch ms) entries expire by; they cross processes, so not the monotonic one. @default wallClock */
  readonly clock?: Clock;
}

/** Defaults of {@link RedisCacheStoreOptions}, in one place. */
export const redisCacheStoreDefaults = {
  maxValueBytes: 1_048_576,
  tagTtl: '720h',
  deleteBatchSize: 500,
} as const;
