import {
  CacheStore,
  DistributedSingleFlight,
  InvalidationBus,
  TieredCacheStore,
  cache,
  type CacheOptions,
  type CircuitStateChangeEvent,
  type Disposable,
  type Serializer,
} from '@bulwark/core';
import { Cluster, Redis } from 'ioredis';
import { describe, expectTypeOf, it } from 'vitest';
import {
  RedisCacheStore,
  RedisInvalidationBus,
  RedisSingleFlight,
  createRedisCacheTier,
  failFastRedisOptions,
  isSerializationError,
  taggedJsonSerializer,
  type RedisCacheTier,
  type RedisCacheTierOptions,
  type RedisCacheWarning,
  type RedisClient,
  type SerializationError,
} from '../index.js';

describe('@bulwark/redis cache types', () => {
  it('implements the core ports', () => {
    expectTypeOf<RedisCacheStore>().toExtend<CacheStore>();
    expectTypeOf<RedisInvalidationBus>().toExtend<InvalidationBus>();
    expectTypeOf<RedisSingleFlight>().toExtend<DistributedSingleFlight>();
    expectTypeOf(taggedJsonSerializer).toEqualTypeOf<Serializer>();
  });

  it('accepts standalone, Sentinel and Cluster clients', () => {
    expectTypeOf<Redis>().toExtend<RedisClient>();
    expectTypeOf<Cluster>().toExtend<RedisClient>();
    expectTypeOf<{ client: Cluster; namespace: 'shop' }>().toExtend<RedisCacheTierOptions>();
    expectTypeOf<{ redis: 'redis://localhost:6379' }>().toExtend<RedisCacheTierOptions>();
    expectTypeOf<{ redis: { sentinels: [{ host: 'sentinel'; port: 26379 }]; name: 'mymaster' } }>().toExtend<RedisCacheTierOptions>();
    expectTypeOf(failFastRedisOptions).returns.toHaveProperty('enableOfflineQueue');
  });

  it('gives caches what they need', () => {
    const tier = createRedisCacheTier({ redis: 'redis://localhost:6379', namespace: 'shop' });
    expectTypeOf(tier).toEqualTypeOf<RedisCacheTier>();
    expectTypeOf(tier.store).toEqualTypeOf<TieredCacheStore>();
    expectTypeOf(tier.cacheOptions).toExtend<Partial<CacheOptions>>();
    expectTypeOf(cache({ name: 'catalog', ...tier.cacheOptions }).getOrSet<number>).returns.resolves.toEqualTypeOf<number>();
    expectTypeOf(tier.onStateChange).parameter(0).parameter(0).toEqualTypeOf<CircuitStateChangeEvent>();
    expectTypeOf(tier.onWarning((warning: RedisCacheWarning) => warning.message)).toEqualTypeOf<Disposable>();
    expectTypeOf(tier.ready()).resolves.toBeVoid();
  });

  it('narrows warnings by kind and errors by guard', () => {
    expectTypeOf<Extract<RedisCacheWarning, { kind: 'value-too-large' }>>().toHaveProperty('maxBytes').toEqualTypeOf<number>();
    expectTypeOf(isSerializationError).guards.toEqualTypeOf<SerializationError>();
  });

  it('refuses options that do not exist', () => {
    // @ts-expect-error -- misspelt option
    createRedisCacheTier({ redis: 'redis://localhost', namespce: 'shop' });
    // @ts-expect-error -- the store has no namespace: the engine hands it namespaced keys and tags
    new RedisCacheStore({ client: new Redis(), namespace: 'shop' });
  });
});
