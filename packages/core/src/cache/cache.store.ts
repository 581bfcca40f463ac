import type { CacheEntry } from './cache-entry.js';

/**
 * Storage port of the cache engine: memory (core), Redis (`@bulwark/redis`), tiered and fail-open
 * (core). Keys reaching a store are already namespaced and bounded (see `cacheKey`). Also the
 * injection token of the Nest layer, hence an abstract class rather than an interface.
 *
 * @example
 * const store: CacheStore = new MemoryCacheStore({ maxEntries: 10_000 });
 */
export abstract class CacheStore {
  /**
   * @param key a full namespaced key
   * @returns the entry, or `undefined` when absent or past its `staleUntil`
   */
  abstract get<T>(key: string): Promise<CacheEntry<T> | undefined>;
  /**
   * Stores an entry; the store keeps it at most until `entry.staleUntil`.
   *
   * @param key a full namespaced key
   * @param entry the entry to store
   */
  abstract set<T>(key: string, entry: CacheEntry<T>): Promise<void>;
  /** @param key a full namespaced key to remove */
  abstract delete(key: string): Promise<void>;
  /**
   * Removes every entry of one cache name ("allEntries").
   *
   * @param prefix a full namespaced key prefix ending in `':'`, e.g. `bulwark:catalog:`
   */
  abstract deleteByPrefix(prefix: string): Promise<void>;
  /**
   * Tag invalidation: records that every entry carrying `tag` created before `at` is invalid. O(1).
   *
   * @param tag the tag
   * @param at wall-clock epoch ms of the invalidation
   */
  abstract invalidateTag(tag: string, at: number): Promise<void>;
  /**
   * @param tags the tags of one entry
   * @returns the latest invalidation time among the tags (0 if none)
   */
  abstract tagInvalidatedAt(tags: readonly string[]): Promise<number>;

  /**
   * Optional: reads what this process holds, synchronously, for callers that cannot wait
   * (`getOrSetSync`). Memory stores have it; a tiered store reads its memory tier.
   *
   * @param key a full namespaced key
   * @returns the entry, or `undefined` when absent or past its `staleUntil`
   */
  peek?<T>(key: string): CacheEntry<T> | undefined;
  /**
   * Optional, with `peek`: the latest invalidation time among the tags, read synchronously.
   *
   * @param tags the tags of one entry
   * @returns the latest invalidation time (0 if none)
   */
  peekTagInvalidatedAt?(tags: readonly string[]): number;
  /**
   * Optional, with `peek`: stores an entry in this process's memory at once, so the next
   * synchronous read sees it while `set` writes every tier in the background.
   *
   * @param key a full namespaced key
   * @param entry the entry to keep
   */
  setLocal?<T>(key: string, entry: CacheEntry<T>): void;
}
