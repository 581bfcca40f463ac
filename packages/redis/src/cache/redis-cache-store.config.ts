import { duration, integer, toMilliseconds, validateOptions, wallClock, wallClockRule, type Clock, type Serializer } from '@bulwark/core';
import { taggedJsonSerializer } from '../serialization/tagged-json.serializer.js';
import type { RedisClient } from './redis-client.js';
import { redisCacheStoreDefaults, type RedisCacheStoreOptions } from './redis-cache-store.options.js';
import { redisClientRule, requiredOption, serializerRule } from './redis-option.rules.js';

/** @internal The store's options, validated and merged with the defaults. */
export interface RedisCacheStoreConfig {
  readonly client: RedisClient;
  readonly serializer: Serializer;
  readonly maxValueBytes: number;
  readonly tagTtlMs: number;
  readonly deleteBatchSize: number;
  readonly clock: Clock;
}

const PATH = 'redisCacheStore';

/** @internal The rules of the store's options, shared with `createRedisCacheTier`. */
export const REDIS_CACHE_STORE_RULES = {
  client: redisClientRule,
  serializer: serializerRule,
  maxValueBytes: integer(1, 512 * 1_048_576),
  tagTtl: duration({ min: 1_000 }),
  deleteBatchSize: integer(1, 100_000),
  clock: wallClockRule,
};

/**
 * @internal Validates the store's options and merges the defaults: once, at construction.
 *
 * @throws InvalidOptionError naming the option, the value and what is allowed
 */
export function resolveRedisCacheStoreOptions(options: RedisCacheStoreOptions, path = PATH): RedisCacheStoreConfig {
  const given = validateOptions(path, options, REDIS_CACHE_STORE_RULES);
  return {
    client: requiredOption(path, 'client', given.client, REDIS_CACHE_STORE_RULES.client),
    serializer: given.serializer ?? taggedJsonSerializer,
    maxValueBytes: given.maxValueBytes ?? redisCacheStoreDefaults.maxValueBytes,
    tagTtlMs: given.tagTtl ?? (toMilliseconds(redisCacheStoreDefaults.tagTtl) as number),
    deleteBatchSize: given.deleteBatchSize ?? redisCacheStoreDefaults.deleteBatchSize,
    clock: given.clock ?? wallClock,
  };
}
