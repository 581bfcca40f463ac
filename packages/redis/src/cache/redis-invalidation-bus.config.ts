import { validateOptions, wallClock, wallClockRule, type Clock } from '@bulwark/core';
import type { RedisClient } from './redis-client.js';
import type { RedisInvalidationBusOptions } from './redis-invalidation-bus.options.js';
import { namespaceRule, redisClientRule, requiredOption } from './redis-option.rules.js';

/** @internal The bus's options, validated and merged with the defaults. */
export interface RedisInvalidationBusConfig {
  readonly client: RedisClient;
  readonly namespace: string;
  readonly clock: Clock;
}

const PATH = 'redisInvalidationBus';
const RULES = { client: redisClientRule, namespace: namespaceRule, clock: wallClockRule };

/**
 * @internal Validates the bus's options and merges the defaults: once, at construction.
 *
 * @throws InvalidOptionError naming the option, the value and what is allowed
 */
export function resolveRedisInvalidationBusOptions(options: RedisInvalidationBusOptions): RedisInvalidationBusConfig {
  const given = validateOptions(PATH, options, RULES);
  return {
    client: requiredOption(PATH, 'client', given.client, RULES.client),
    namespace: requiredOption(PATH, 'namespace', given.namespace, RULES.namespace),
    clock: given.clock ?? wallClock,
  };
}
