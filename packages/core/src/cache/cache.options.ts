import { wallClock, type Clock } from '../clock/clock.js';
import type { Duration } from '../options/duration.js';
import type { PolicyContext } from '../policy/policy.js';
import type { CacheStore } from './cache.store.js';
import type { InvalidationBus } from './invalidation.bus.js';
import type { DistributedSingleFlight } from './single-flight.js';

/** What a cache factory receives: the signal (aborted by `hardTimeout`) and the entry's store key. */
export interface CacheFactoryContext extends PolicyContext {
  /** The full store key the value will be stored under. */
  readonly key: string;
}

/** Computes the value of a missing or expired entry. */
export type CacheFactory<T> = (context: CacheFactoryContext) => PromiseLike<T> | T;

/**
 * What identifies an entry within a cache: the arguments of the call it caches, or one string
 * (the same as a one-argument list, so `delete(sku)` drops what a method called with `(sku)`
 * cached).
 */
export type CacheKeyInput = string | readonly unknown[];

/** Tags of an entry: fixed, or computed from the value. */
export type CacheTags<T> = readonly string[] | ((value: T) => readonly string[]);

/** Options of one `getOrSet` or `set` call, overriding the cache's for the entry it writes. */
export interface CacheCallOptions<T = unknown> {
  /** How long the entry is fresh. @default the cache's `ttl` */
  ttl?: Duration;
  /** How long after that it may be served stale. @default the cache's `grace` */
  grace?: Duration;
  /** Tags added to the cache's own `tags`. @default none */
  tags?: CacheTags<T>;
  /** A value for which this returns true is returned to the caller but not stored. @default never */
  unless?: (value: T) => boolean;
}

/** Early refresh (XFetch): how eager it is. */
export interface EarlyRefreshOptions {
  /** Greater than 0; above 1 refreshes earlier, below 1 later. @default 1 */
  beta?: number;
}

/**
 * Options of {@link cache}. Every option is checked once, when the cache is built: an unknown
 * name or a value out of range throws an `InvalidOptionError` naming it.
 */
export interface CacheOptions {
  /** The cache's name: 1 to 64 of `[A-Za-z0-9_.-]`, not starting with `__`; part of every key. */
  name: string;
  /** The key namespace, e.g. the application's name (same characters as `name`). @default 'bulwark' */
  namespace?: string;
  /** Where entries live. @default a new `MemoryCacheStore()` */
  store?: CacheStore;
  /**
   * Broadcasts this cache's `set`, `delete`, `clear` and `invalidateTags` to other instances and
   * applies theirs to `store`, which must then be a per-process `MemoryCacheStore`. With a
   * `TieredCacheStore`, give the bus to the store instead. @default none
   */
  bus?: InvalidationBus;
  /** Lets one instance at a time compute a missing key (e.g. `@bulwark/redis`'s). @default in-process only */
  singleFlight?: DistributedSingleFlight;
  /** With `singleFlight`: how long an instance waits for another's value before computing itself. @default '5s' */
  maxWait?: Duration;
  /**
   * With `singleFlight`: how long the cross-instance lock outlives a crashed holder, who extends it
   * every third of this while computing, however long that takes. @default '3s'
   */
  lockTtl?: Duration;
  /** How long an entry is fresh (at least 1 ms). @default '1m' */
  ttl?: Duration;
  /** How long after `ttl` an entry may still be served when the factory fails or is slow. @default 0 */
  grace?: Duration;
  /** Needs `grace`: an expired entry's refresh may take this long before the stale value is returned (the refresh goes on). @default off */
  softTimeout?: Duration;
  /** A factory call is abandoned (its signal aborted, `TimeoutError`) after this long. @default off */
  hardTimeout?: Duration;
  /** Probabilistic early refresh (XFetch) of hot entries before they expire; `false` turns it off. @default true (beta 1) */
  earlyRefresh?: boolean | EarlyRefreshOptions;
  /** Whether `null` results are cached (`undefined` never is). @default true */
  cacheNull?: boolean;
  /** Tags of every entry, fixed or computed from its value. @default none */
  tags?: CacheTags<unknown>;
  /** The wall clock (epoch ms) entry times are read from: they cross processes. @default wallClock */
  clock?: Clock;
  /** Uniform in [0, 1), for early refresh. @default Math.random */
  random?: () => number;
}

/** The defaults of every cache option that has one: the one place they are written. */
export const CACHE_DEFAULTS = Object.freeze({
  namespace: 'bulwark',
  maxWait: '5s',
  lockTtl: '3s',
  ttl: '1m',
  grace: 0,
  earlyRefreshBeta: 1,
  cacheNull: true,
  clock: wallClock,
  random: Math.random,
} as const);
