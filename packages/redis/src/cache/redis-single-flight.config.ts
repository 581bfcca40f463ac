import { callback, duration, monotonicClockRule, systemClock, toMilliseconds, validateOptions, type Clock } from '@bulwark/core';
import type { RedisClient } from './redis-client.js';
import { redisSingleFlightDefaults, type RedisSingleFlightOptions } from './redis-single-flight.options.js';
import { namespaceRule, redisClientRule, requiredOption } from './redis-option.rules.js';

/** @internal The single flight's options, validated and merged with the defaults. */
export interface RedisSingleFlightConfig {
  readonly client: RedisClient;
  readonly namespace: string;
  readonly pollMs: number;
  readonly maxPollMs: number;
  readonly runCommand: <R>(command: () => Promise<R>) => Promise<R>;
  readonly clock: Clock;
}

const PATH = 'redisSingleFlight';
/** @internal The rules of the options, shared with `createRedisCacheTier`. */
export const REDIS_SINGLE_FLIGHT_RULES = {
  client: redisClientRule,
  namespace: namespaceRule,
  pollInterval: duration({ min: 1 }),
  maxPollInterval: duration({ min: 1 }),
  runCommand: callback<<R>(command: () => Promise<R>) => Promise<R>>(),
  clock: monotonicClockRule,
};

/**
 * @internal Validates the options and merges the defaults: once, at construction.
 *
 * @throws InvalidOptionError naming the option, the value and what is allowed
 */
export function resolveRedisSingleFlightOptions(options: RedisSingleFlightOptions): RedisSingleFlightConfig {
  const given = validateOptions(PATH, options, REDIS_SINGLE_FLIGHT_RULES);
  const pollMs = given.pollInterval ?? (toMilliseconds(redisSingleFlightDefaults.pollInterval) as number);
  return {
    client: requiredOption(PATH, 'client', given.client, REDIS_SINGLE_FLIGHT_RULES.client),
    namespace: requiredOption(PATH, 'namespace', given.namespace, REDIS_SINGLE_FLIGHT_RULES.namespace),
    pollMs,
    maxPollMs: Math.max(pollMs, given.maxPollInterval ?? (toMilliseconds(redisSingleFlightDefaults.maxPollInterval) as number)),
    runCommand: given.runCommand ?? runAsIs,
    clock: given.clock ?? systemClock,
  };
}

const runAsIs = <R>(command: () => Promise<R>): Promise<R> => command();
