import type { Event } from '../events/event.js';
import type { CacheEntry } from './cache-entry.js';
import { CacheBusLink } from './cache.bus-link.js';
import { resolveCacheOptions, type CacheSettings } from './cache.config.js';
import { CacheEmitters } from './cache.emitters.js';
import type {
  CacheFactoryErrorEvent,
  CacheFactorySuccessEvent,
  CacheHitEvent,
  CacheMissEvent,
  CacheRefreshEvent,
  CacheStaleEvent,
  CacheStoreErrorEvent,
} from './cache.events.js';
import { CacheLoader } from './cache.loader.js';
import { CacheSyncReader } from './cache.sync-reader.js';
import type { CacheCallOptions, CacheFactory, CacheKeyInput, CacheOptions } from './cache.options.js';
import { CacheKeyMemo } from './cache-key.memo.js';
import { digest } from './key-digest.js';
import { withStaleFallback } from './stale-fallback.js';
import { shouldRefreshEarly } from './xfetch.js';

const ignore = (): void => {};

/** Whether an entry just read can be served without asking the store more: within its grace, and untagged. */
function servableAsIs(entry: CacheEntry, now: number): boolean {
  return now < entry.staleUntil && (entry.tags === undefined || entry.tags.length === 0);
}

/**
 * A named cache-aside cache: `getOrSet` answers from the store, or runs the factory once per key
 * however many callers wait, serves a stale entry within its grace when the factory fails or is
 * slow, refreshes hot entries before they expire (XFetch), and never caches errors or
 * `undefined`. Tags invalidate in O(1), checked lazily on read. Store failures become misses.
 *
 * @example
 * const catalog = cache({ name: 'catalog', ttl: '15m', grace: '1h' });
 * const product = await catalog.getOrSet(sku, () => db.product(sku), { tags: [`sku:${sku}`] });
 * await catalog.invalidateTags([`sku:${sku}`]);
 */
export class CachePolicy {
  /** The cache's name. */
  readonly name: string;
  /** The key namespace. */
  readonly namespace: string;
  /** Fires when a fresh entry answers. */
  readonly onHit: Event<CacheHitEvent>;
  /** Fires when no usable entry exists and the factory runs (or a running call is joined). */
  readonly onMiss: Event<CacheMissEvent>;
  /** Fires when an expired entry within its grace answers instead of the factory. */
  readonly onStale: Event<CacheStaleEvent>;
  /** Fires when an entry is recomputed in the background: early (XFetch) or within its grace. */
  readonly onRefresh: Event<CacheRefreshEvent>;
  /** Fires when a factory returns. */
  readonly onFactorySuccess: Event<CacheFactorySuccessEvent>;
  /** Fires when a factory throws or times out, in the foreground or the background. */
  readonly onFactoryError: Event<CacheFactoryErrorEvent>;
  /** Fires when the store, the bus or the single flight fails and the cache carries on without it. */
  readonly onStoreError: Event<CacheStoreErrorEvent>;
  private readonly settings: CacheSettings;
  private readonly emit: CacheEmitters;
  private readonly loader: CacheLoader;
  private readonly link: CacheBusLink;
  private readonly syncReader: CacheSyncReader;
  private readonly keys: CacheKeyMemo;

  /**
   * @param options see {@link CacheOptions}; checked here, once
   * @throws InvalidOptionError naming the option, the value and what is allowed
   */
  constructor(options: CacheOptions) {
    const settings = (this.settings = resolveCacheOptions(options));
    const emit = (this.emit = new CacheEmitters(settings.name));
    this.name = settings.name;
    this.namespace = settings.namespace;
    this.keys = new CacheKeyMemo(settings.prefix);
    this.loader = new CacheLoader(settings, emit, (key) => this.readFresh(key));
    this.link = new CacheBusLink(settings, emit, () => this.loader.invalidate());
    this.syncReader = new CacheSyncReader(settings, emit, this.loader);
    this.onHit = emit.hit.event;
    this.onMiss = emit.miss.event;
    this.onStale = emit.stale.event;
    this.onRefresh = emit.refresh.event;
    this.onFactorySuccess = emit.factorySuccess.event;
    this.onFactoryError = emit.factoryError.event;
    this.onStoreError = emit.storeError.event;
  }

  /**
   * @param key the arguments (or one string) identifying an entry
   * @returns its store key: `<namespace>:<name>:<digest>`
   * @throws TypeError when the key cannot be serialized (a cycle, a function...)
   */
  keyOf(key: CacheKeyInput): string {
    return this.keys.keyOf(key);
  }

  /**
   * Answers from the cache, or computes, stores and returns the value.
   *
   * @param key the arguments (or one string) identifying the entry
   * @param factory computes the value; receives `{ signal, key }`, the signal aborted by `hardTimeout`
   * @param options this entry's `ttl`, `grace` and extra `tags`; checked when the entry is written
   * @returns the fresh value, a stale one (within grace, when the factory fails or passes
   *   `softTimeout`), or the factory's result
   * @throws what the factory threw (or `TimeoutError` after `hardTimeout`) when no stale value exists
   */
  async getOrSet<T>(key: CacheKeyInput, factory: CacheFactory<T>, options?: CacheCallOptions<T>): Promise<T> {
    const storeKey = this.keyOf(key);
    const now = this.settings.clock.now();
    // read() inlined: its async frame would cost every hit one promise more.
    let entry: CacheEntry<T> | undefined;
    try {
      entry = await this.settings.store.get<T>(storeKey);
    } catch (error) {
      this.emit.storeFailed('get', error);
    }
    if (entry !== undefined && !servableAsIs(entry, now)) entry = await this.admit(entry, now);
    if (entry === undefined) {
      this.emit.missOn(storeKey);
      return this.loader.load(storeKey, factory, options);
    }
    if (now >= entry.expiresAt) return this.serveStale(storeKey, entry, factory, options);
    const { beta, random } = this.settings;
    if (beta > 0 && !this.loader.isLoading(storeKey) && shouldRefreshEarly(entry, now, beta, random)) {
      this.refreshInBackground(storeKey, factory, options);
    }
    this.emit.hitOn(storeKey);
    return entry.value;
  }

  /**
   * `getOrSet` for a synchronous factory, answering synchronously: it reads only this process's
   * memory tier, so another instance's value is not seen until this one computes its own, and
   * concurrent callers are not coalesced (none can wait). The value is written to every tier.
   *
   * @param key the arguments (or one string) identifying the entry
   * @param factory computes the value synchronously
   * @param options this entry's `ttl`, `grace`, `tags` and `unless`
   * @returns the fresh value, a stale one within grace when the factory throws, or the factory's
   * @throws TypeError when the store has no synchronous `peek` (only memory and tiered stores do)
   * @example
   * const rate = rates.getOrSetSync(['EUR', 'USD'], () => computeRate('EUR', 'USD'));
   */
  getOrSetSync<T>(key: CacheKeyInput, factory: () => T, options?: CacheCallOptions<T>): T {
    return this.syncReader.getOrSet(this.keyOf(key), factory, options);
  }

  /**
   * @param key the arguments (or one string) identifying the entry
   * @returns the fresh value, or `undefined` (absent, expired, invalidated, or the store failed)
   */
  async get<T>(key: CacheKeyInput): Promise<T | undefined> {
    const storeKey = this.keyOf(key);
    const now = this.settings.clock.now();
    const entry = await this.read<T>(storeKey, now);
    if (entry === undefined || now >= entry.expiresAt) {
      this.emit.missOn(storeKey);
      return undefined;
    }
    this.emit.hitOn(storeKey);
    return entry.value;
  }

  /**
   * Stores a value (and, with a `bus`, drops other instances' copies). `undefined`, or `null`
   * without `cacheNull`, deletes the entry instead.
   *
   * @param key the arguments (or one string) identifying the entry
   * @param value the value
   * @param options this entry's `ttl`, `grace` and extra `tags`
   * @throws InvalidOptionError for malformed `options`; what the store or bus threw
   */
  async set<T>(key: CacheKeyInput, value: T, options?: CacheCallOptions<T>): Promise<void> {
    const storeKey = this.keyOf(key);
    const now = this.settings.clock.now();
    const entry = this.loader.entryOf(value, now, now, options);
    this.loader.invalidate();
    if (entry === undefined) await this.settings.store.delete(storeKey);
    else await this.settings.store.set(storeKey, entry);
    await this.link.publish('key', storeKey, now);
  }

  /**
   * Deletes an entry; a load of it already running answers its callers but does not store.
   *
   * @param key the arguments (or one string) identifying the entry
   * @throws what the store or bus threw
   */
  async delete(key: CacheKeyInput): Promise<void> {
    const storeKey = this.keyOf(key);
    this.loader.invalidate();
    await this.settings.store.delete(storeKey);
    await this.link.publish('key', storeKey, this.settings.clock.now());
  }

  /**
   * Invalidates every entry carrying any of the tags and created before now: O(1) per tag, the
   * entries themselves are judged when next read.
   *
   * @param tags the tags, as given to the `tags` options
   * @throws what the store or bus threw
   */
  async invalidateTags(tags: readonly string[]): Promise<void> {
    const at = this.settings.clock.now();
    await Promise.all(
      tags.map(async (tag) => {
        const storeTag = this.settings.tagPrefix + digest(tag);
        await this.settings.store.invalidateTag(storeTag, at);
        await this.link.publish('tag', storeTag, at);
      }),
    );
  }

  /**
   * Deletes every entry of this cache (its key prefix), in this store and, with a `bus`, on
   * other instances.
   *
   * @throws what the store or bus threw
   */
  async clear(): Promise<void> {
    this.loader.invalidate();
    await this.settings.store.deleteByPrefix(this.settings.prefix);
    await this.link.publish('prefix', this.settings.prefix, this.settings.clock.now());
  }

  /** Stops listening to the bus. The cache still works locally. */
  dispose(): void {
    this.link.dispose();
  }

  /** The entry if it may still be served (fresh or within grace) and no tag invalidated it. */
  private async read<T>(storeKey: string, now: number): Promise<CacheEntry<T> | undefined> {
    let entry: CacheEntry<T> | undefined;
    try {
      entry = await this.settings.store.get<T>(storeKey);
    } catch (error) {
      this.emit.storeFailed('get', error);
      return undefined;
    }
    return entry === undefined || servableAsIs(entry, now) ? entry : this.admit(entry, now);
  }

  /** The slow part of a read: `entry` unless it is past its `staleUntil` or one of its tags was invalidated. */
  private async admit<T>(entry: CacheEntry<T>, now: number): Promise<CacheEntry<T> | undefined> {
    if (now >= entry.staleUntil) return undefined;
    if (entry.tags === undefined || entry.tags.length === 0) return entry;
    try {
      // An entry whose computation began at or before an invalidation may hold the old data.
      return (await this.settings.store.tagInvalidatedAt(entry.tags)) >= entry.createdAt ? undefined : entry;
    } catch (error) {
      this.emit.storeFailed('tags', error);
      return undefined;
    }
  }

  private async readFresh(storeKey: string): Promise<unknown> {
    const now = this.settings.clock.now();
    const entry = await this.read(storeKey, now);
    return entry !== undefined && now < entry.expiresAt ? entry.value : undefined;
  }

  private refreshInBackground<T>(storeKey: string, factory: CacheFactory<T>, options: CacheCallOptions<T> | undefined): void {
    this.emit.refreshOf(storeKey, 'early');
    // The factory's failure is reported by onFactoryError; the fresh entry keeps answering.
    this.loader.load(storeKey, factory, options).then(undefined, ignore);
  }

  private serveStale<T>(storeKey: string, entry: CacheEntry<T>, factory: CacheFactory<T>, options: CacheCallOptions<T> | undefined): Promise<T> {
    if (!this.loader.isLoading(storeKey)) this.emit.refreshOf(storeKey, 'expired');
    const loading = this.loader.load(storeKey, factory, options);
    return withStaleFallback(loading, entry.value, this.settings.softTimeoutMs, (reason, error) => this.emit.staleOn(storeKey, reason, error));
  }
}

/**
 * Builds a cache-aside cache.
 *
 * @param options see {@link CacheOptions}; only `name` is required
 * @returns the cache
 * @throws InvalidOptionError naming the option, the value and what is allowed
 * @example
 * const prices = cache({ name: 'prices', ttl: '30s', grace: '10m', softTimeout: '200ms' });
 * const price = await prices.getOrSet(['SKU-1', 'EUR'], ({ signal }) => fetchPrice('SKU-1', 'EUR', signal));
 */
export function cache(options: CacheOptions): CachePolicy {
  return new CachePolicy(options);
}
