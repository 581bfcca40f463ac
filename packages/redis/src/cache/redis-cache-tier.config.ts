import {
  CACHE_DEFAULTS,
  FAIL_OPEN_CACHE_DEFAULTS,
  INVALID,
  InvalidOptionError,
  custom,
  duration,
  toMilliseconds,
  validateOptions,
  wallClock,
  type CircuitBreakerOptions,
  type Clock,
  type Duration,
  type MemoryCacheStoreOptions,
  type OptionRule,
} from '@bulwark/core';
import type { RedisOptions } from 'ioredis';
import { redisMessages } from '../redis.messages.js';
import { REDIS_CACHE_STORE_RULES } from './redis-cache-store.config.js';
import type { RedisCacheStoreOptions } from './redis-cache-store.options.js';
import type { RedisCacheTierOptions } from './redis-cache-tier.options.js';
import type { RedisClient } from './redis-client.js';
import { namespaceRule, objectRule } from './redis-option.rules.js';
import { REDIS_SINGLE_FLIGHT_RULES } from './redis-single-flight.config.js';
import type { RedisSingleFlightOptions } from './redis-single-flight.options.js';

/** @internal The tier's options, validated and merged with the defaults. */
export interface RedisCacheTierConfig {
  /** The caller's client, or how to open the tier's own. */
  readonly connection: { readonly client: RedisClient } | { readonly redis: string | RedisOptions };
  readonly namespace: string;
  /** Everything of the Redis store but its client. */
  readonly store: Omit<RedisCacheStoreOptions, 'client'>;
  readonly l1: MemoryCacheStoreOptions;
  readonly l1Ttl: Duration | undefined;
  readonly commandTimeoutMs: number;
  readonly breaker: CircuitBreakerOptions;
  /** `false` when off. */
  readonly singleFlight: false | Pick<RedisSingleFlightOptions, 'pollInterval' | 'maxPollInterval'>;
  readonly clock: Clock;
}

const PATH = 'createRedisCacheTier';

const redisRule: OptionRule<string | RedisOptions> = custom('a redis:// URL, or ioredis options such as { host, port } or { sentinels, name }', (value) =>
  (typeof value === 'string' && /^rediss?:\/\//.test(value)) || (typeof value === 'object' && value !== null && !Array.isArray(value)) ? (value as string | RedisOptions) : INVALID,
);

const singleFlightRule: OptionRule<boolean | object> = custom('true, false, or an object { pollInterval?, maxPollInterval? }', (value) =>
  typeof value === 'boolean' || (typeof value === 'object' && value !== null && !Array.isArray(value)) ? value : INVALID,
);

const RULES = {
  ...REDIS_CACHE_STORE_RULES,
  redis: redisRule,
  namespace: namespaceRule,
  l1: objectRule<MemoryCacheStoreOptions>('MemoryCacheStore options, e.g. { maxEntries: 50_000 }'),
  l1Ttl: duration({ min: 1 }),
  commandTimeout: duration({ min: 1 }),
  breaker: objectRule<CircuitBreakerOptions>("circuit breaker options, e.g. { consecutiveFailures: 5, openDuration: '5s' }"),
  singleFlight: singleFlightRule,
};

/**
 * @internal Validates the tier's options and merges the defaults: once, when it is built. The
 * parts handed to core classes (L1, breaker) are checked again, by them, under their own names.
 *
 * @throws InvalidOptionError naming the option, the value and what is allowed
 */
export function resolveRedisCacheTierOptions(options: RedisCacheTierOptions): RedisCacheTierConfig {
  const given = validateOptions(PATH, options, RULES);
  const namespace = given.namespace ?? CACHE_DEFAULTS.namespace;
  const commandTimeoutMs = given.commandTimeout ?? (toMilliseconds(FAIL_OPEN_CACHE_DEFAULTS.commandTimeout) as number);
  return {
    connection: connectionOf(given.client, given.redis),
    namespace,
    store: { serializer: given.serializer, maxValueBytes: given.maxValueBytes, tagTtl: given.tagTtl, deleteBatchSize: given.deleteBatchSize, clock: given.clock },
    l1: { clock: given.clock, ...given.l1 },
    l1Ttl: given.l1Ttl,
    commandTimeoutMs,
    breaker: { ...FAIL_OPEN_CACHE_DEFAULTS.breaker, name: `redis-cache:${namespace}`, ...given.breaker },
    singleFlight: singleFlightOf(given.singleFlight),
    clock: given.clock ?? wallClock,
  };
}

function connectionOf(client: RedisClient | undefined, redis: string | RedisOptions | undefined): RedisCacheTierConfig['connection'] {
  if (client !== undefined && redis !== undefined) throw new InvalidOptionError(`${PATH}.redis`, redis, redisMessages.clientOrRedis(PATH));
  if (redis !== undefined) return { redis };
  if (client !== undefined) return { client };
  throw new InvalidOptionError(`${PATH}.client`, undefined, redisMessages.missingOption(PATH, 'client', `${RULES.client.expected}; or give ${PATH}.redis: ${RULES.redis.expected}`));
}

function singleFlightOf(given: boolean | object | undefined): RedisCacheTierConfig['singleFlight'] {
  if (given === false) return false;
  if (given === true || given === undefined) return {};
  const rules = { pollInterval: REDIS_SINGLE_FLIGHT_RULES.pollInterval, maxPollInterval: REDIS_SINGLE_FLIGHT_RULES.maxPollInterval };
  validateOptions(`${PATH}.singleFlight`, given, rules);
  return given as Pick<RedisSingleFlightOptions, 'pollInterval' | 'maxPollInterval'>;
}
