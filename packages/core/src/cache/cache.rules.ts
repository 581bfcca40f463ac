import { INVALID, custom, type OptionRule } from '../options/option.rules.js';
import type { CacheStore } from './cache.store.js';
import type { CacheTags, EarlyRefreshOptions } from './cache.options.js';
import type { InvalidationBus } from './invalidation.bus.js';
import type { DistributedSingleFlight } from './single-flight.js';

const hasMethods = (value: unknown, names: readonly string[]): boolean =>
  typeof value === 'object' && value !== null && names.every((name) => typeof (value as Record<string, unknown>)[name] === 'function');

const objectWith = <T>(expected: string, names: readonly string[]): OptionRule<T> =>
  custom<T>(expected, (value) => (hasMethods(value, names) ? (value as T) : INVALID));

/** @internal A `CacheStore`: an object with the six store methods. */
export const storeRule = objectWith<CacheStore>(
  'a CacheStore such as new MemoryCacheStore(): an object with get, set, delete, deleteByPrefix, invalidateTag and tagInvalidatedAt methods',
  ['get', 'set', 'delete', 'deleteByPrefix', 'invalidateTag', 'tagInvalidatedAt'],
);

/** @internal An `InvalidationBus`: publish and subscribe. */
export const busRule = objectWith<InvalidationBus>('an InvalidationBus: an object with publish and subscribe methods', ['publish', 'subscribe']);

/** @internal A `DistributedSingleFlight`: run. */
export const singleFlightRule = objectWith<DistributedSingleFlight>('a DistributedSingleFlight: an object with a run method', ['run']);

/** @internal Tags: an array of strings, or a function of the value. */
export const tagsRule: OptionRule<CacheTags<unknown>> = custom('an array of strings, or a function (value) => string[]', (value) =>
  typeof value === 'function' || (Array.isArray(value) && value.every((tag) => typeof tag === 'string')) ? (value as CacheTags<unknown>) : INVALID,
);

/** @internal `earlyRefresh`: a flag or `{ beta? }`, checked further by the config. */
export const earlyRefreshRule: OptionRule<boolean | EarlyRefreshOptions> = custom('true, false, or an object { beta? }', (value) =>
  typeof value === 'boolean' || (typeof value === 'object' && value !== null && !Array.isArray(value)) ? (value as boolean | EarlyRefreshOptions) : INVALID,
);
