import { messages } from '../errors/bulwark.messages.js';
import type { CacheEntry } from './cache-entry.js';
import type { CacheSettings } from './cache.config.js';
import type { CacheEmitters } from './cache.emitters.js';
import type { CacheLoader } from './cache.loader.js';
import type { CacheCallOptions } from './cache.options.js';

/**
 * @internal The synchronous path of a cache, for methods that return plain values: it reads only
 * what this process holds (the memory tier), computes on a miss without coordinating with other
 * callers (a synchronous call cannot wait), and writes through every tier in the background.
 */
export class CacheSyncReader {
  constructor(
    private readonly settings: CacheSettings,
    private readonly emit: CacheEmitters,
    private readonly loader: CacheLoader,
  ) {}

  /**
   * @param storeKey the full store key
   * @param factory computes the value synchronously
   * @param options this entry's `ttl`, `grace`, `tags`, `unless`
   * @returns the fresh value, a stale one within grace when the factory throws, or the factory's
   * @throws TypeError when the store cannot be read synchronously; what the factory threw when no stale value exists
   */
  getOrSet<T>(storeKey: string, factory: () => T, options: CacheCallOptions<T> | undefined): T {
    const now = this.settings.clock.now();
    const entry = this.peek<T>(storeKey, now);
    if (entry !== undefined && now < entry.expiresAt) {
      this.emit.hitOn(storeKey);
      return entry.value;
    }
    this.emit.missOn(storeKey);
    let value: T;
    try {
      value = factory();
    } catch (error) {
      this.emit.factoryThrew(storeKey, this.settings.clock.now() - now, error);
      if (entry === undefined) throw error;
      this.emit.staleOn(storeKey, 'error', error);
      return entry.value;
    }
    const finishedAt = this.settings.clock.now();
    this.emit.factoryReturned(storeKey, finishedAt - now);
    const fresh = this.loader.entryOf(value, now, finishedAt, options);
    if (fresh !== undefined) {
      const store = this.settings.store;
      store.setLocal?.(storeKey, fresh);
      store.set(storeKey, fresh).catch((error: unknown) => this.emit.storeFailed('set', error));
    }
    return value;
  }

  private peek<T>(storeKey: string, now: number): CacheEntry<T> | undefined {
    const store = this.settings.store;
    if (store.peek === undefined || store.peekTagInvalidatedAt === undefined) {
      throw new TypeError(messages.noSynchronousStore(this.settings.name, store.constructor.name));
    }
    const entry = store.peek<T>(storeKey);
    if (entry === undefined || now >= entry.staleUntil) return undefined;
    if (entry.tags === undefined || entry.tags.length === 0) return entry;
    return store.peekTagInvalidatedAt(entry.tags) >= entry.createdAt ? undefined : entry;
  }
}
