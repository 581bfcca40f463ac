import { INVALID, InvalidOptionError, custom, type OptionRule, type Serializer } from '@bulwark/core';
import { redisMessages } from '../redis.messages.js';
import type { RedisClient } from './redis-client.js';

/** @internal An ioredis `Redis` or `Cluster` instance. */
export const redisClientRule: OptionRule<RedisClient> = custom(
  'an ioredis client: new Redis(...), a Sentinel-backed Redis, or new Cluster(...)',
  (value) => (typeof value === 'object' && value !== null && typeof (value as RedisClient).getBuffer === 'function' && typeof (value as RedisClient).duplicate === 'function' ? (value as RedisClient) : INVALID),
);

/** @internal The namespace every key and channel of a tier starts with: the cache engine's rule. */
export { namespaceRule } from '@bulwark/core';

/** @internal An options object, checked by whoever it is handed to. */
export function objectRule<T extends object>(expected: string): OptionRule<T> {
  return custom(expected, (value) => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as T) : INVALID));
}

/** @internal An object with `encode` and `decode` methods. */
export const serializerRule: OptionRule<Serializer> = custom(
  'an object with encode(value) and decode(data) methods, such as taggedJsonSerializer',
  (value) => (typeof value === 'object' && value !== null && typeof (value as Serializer).encode === 'function' && typeof (value as Serializer).decode === 'function' ? (value as Serializer) : INVALID),
);

/**
 * @internal Returns a validated option that has no default.
 *
 * @throws InvalidOptionError naming the missing option and what is expected
 */
export function requiredOption<T>(path: string, option: string, value: T | undefined, rule: OptionRule<T>): T {
  if (value === undefined) throw new InvalidOptionError(`${path}.${option}`, undefined, redisMessages.missingOption(path, option, rule.expected));
  return value;
}
