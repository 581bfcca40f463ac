import type { CacheOptions, Duration } from '@bulwark/core';

/** A cache key computed from the method's arguments: one value or a list. @default all arguments */
export type CacheKeyFunction = (...args: never[]) => unknown;

/** Tags of an entry: fixed, or computed from the method's arguments. */
export type CacheTagsOption = readonly string[] | ((...args: never[]) => readonly string[]);

/** Entry options a decorator may set, overriding the cache's. */
export interface CacheEntryOptions {
  /** The cache (a name from `cache.caches` in the module options, or a new cache with the defaults). */
  name: string;
  /** The key within the cache. @default every argument of the call */
  key?: CacheKeyFunction;
  /** How long an entry is fresh. @default the cache's ttl */
  ttl?: Duration;
  /** How long after that it may still be served when the method fails or is slow. @default the cache's grace */
  grace?: Duration;
  /** Tags of the entry, for `@CacheEvict({ tags })`. @default none */
  tags?: CacheTagsOption;
}

/** What `@Cacheable` accepts. */
export interface CacheableOptions extends CacheEntryOptions {
  /** Only calls for which this returns true use the cache; others just call the method. @default always */
  condition?: (...args: never[]) => boolean;
  /** A result for which this returns true is returned but not stored. @default never */
  unless?: (result: never) => boolean;
}

/** What `@CachePut` accepts. */
export interface CachePutOptions extends CacheEntryOptions {
  /** Only calls for which this returns true store their result. @default always */
  condition?: (...args: never[]) => boolean;
  /** A result for which this returns true is not stored. @default never */
  unless?: (result: never) => boolean;
}

/** What `@CacheEvict` accepts: one of `key` (the default: the arguments), `tags` or `allEntries`. */
export interface CacheEvictOptions {
  name: string;
  /** The key of the entry to drop. @default every argument of the call */
  key?: CacheKeyFunction;
  /** Drop every entry carrying any of these tags. */
  tags?: CacheTagsOption;
  /** Drop every entry of the cache. @default false */
  allEntries?: boolean;
  /** Drop before the method runs (even if it then fails) rather than after it succeeds. @default false */
  beforeInvocation?: boolean;
}

/** Options of one named cache in the module config: the core cache options a config can give. */
export type NamedCacheOptions = Pick<CacheOptions, 'ttl' | 'grace' | 'softTimeout' | 'hardTimeout' | 'earlyRefresh' | 'cacheNull'>;
