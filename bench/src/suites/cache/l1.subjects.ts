import { MemoryCacheStore, cache } from '@bulwark/core';
import { createCache } from 'cache-manager';
import { LRUCache } from 'lru-cache';
import { CountingFactory, HOT_KEY, PRODUCT, check, type Op, type Product } from './subjects.js';

/** In-memory hits of one warm key, by library and API. */
export interface L1Subjects {
  /** Bulwark `cache({ store: MemoryCacheStore }).getOrSet(key, factory)`. */
  readonly bulwarkGetOrSet: Op;
  /** Bulwark `get(key)`. */
  readonly bulwarkGet: Op;
  /** cache-manager 7 `createCache()` (keyv in memory) `wrap(key, fn)`: what @nestjs/cache-manager users call. */
  readonly cacheManagerWrap: Op;
  /** cache-manager 7 `get(key)`. */
  readonly cacheManagerGet: Op;
  /** `lru-cache` `get(key)` inside an async function: a map lookup, the floor. */
  readonly lruCacheGet: Op;
  /**
   * Checks every subject answers the product and that no factory ran.
   *
   * @throws {Error} when one does not
   */
  verify(): Promise<void>;
}

/**
 * Builds the L1 subjects, each warmed with the product under the same key and a 1 min TTL.
 *
 * @returns the subjects to time
 */
export async function l1Subjects(): Promise<L1Subjects> {
  const bulwark = cache({ name: 'bench-l1', ttl: '1m', store: new MemoryCacheStore() });
  const cacheManager = createCache({ ttl: 60_000 });
  const lru = new LRUCache<string, Product>({ max: 10_000, ttl: 60_000 });
  const bulwarkFactory = new CountingFactory(PRODUCT);
  const cacheManagerFactory = new CountingFactory(PRODUCT);
  await bulwark.set(HOT_KEY, PRODUCT);
  await cacheManager.set(HOT_KEY, PRODUCT);
  lru.set(HOT_KEY, PRODUCT);
  const subjects: L1Subjects = {
    bulwarkGetOrSet: () => bulwark.getOrSet(HOT_KEY, bulwarkFactory.call),
    bulwarkGet: () => bulwark.get<Product>(HOT_KEY),
    cacheManagerWrap: () => cacheManager.wrap(HOT_KEY, cacheManagerFactory.call),
    cacheManagerGet: () => cacheManager.get<Product>(HOT_KEY),
    lruCacheGet: async () => lru.get(HOT_KEY),
    async verify() {
      for (const [name, op] of Object.entries(subjects)) {
        if (name === 'verify') continue;
        const value = (await (op as Op)()) as Product | undefined;
        check(value?.sku === HOT_KEY, `${name} answers the cached product`);
      }
      check(bulwarkFactory.calls === 0 && cacheManagerFactory.calls === 0, 'no L1 factory ran: every call was a hit');
    },
  };
  return subjects;
}
