import { LRUCache } from 'lru-cache';
import type { Event } from '../events/event.js';
import { EventEmitter } from '../events/event-emitter.js';
import type { CacheEntry } from './cache-entry.js';
import { CacheStore } from './cache.store.js';
import { estimateBytes } from './entry-size.js';
import { resolveMemoryCacheOptions, type MemoryCacheSettings } from './memory-cache.config.js';
import type { MemoryCacheStoreOptions } from './memory-cache.options.js';
import { TagInvalidations } from './tag-invalidations.js';

/** Emitted by `MemoryCacheStore.onEviction` when the store drops an entry on its own. */
export interface CacheEvictionEvent {
  /** The entry's key. */
  readonly key: string;
  /** `'capacity'`: pushed out by `maxEntries` or `maxBytes`; `'expired'`: past its `staleUntil`. */
  readonly reason: 'capacity' | 'expired';
}

const MISS: Promise<undefined> = Promise.resolve(undefined);
const DONE: Promise<void> = Promise.resolve();

/**
 * A bounded in-process cache store (an L1): least recently used entries go first once
 * `maxEntries` or `maxBytes` is reached, and each entry lives until its `staleUntil`. Tag
 * invalidation times live in a bounded map too. Entries are kept by reference, not copied: do
 * not mutate cached values.
 *
 * @example
 * const store = new MemoryCacheStore({ maxEntries: 50_000, maxBytes: 64 * 1024 * 1024 });
 * const catalog = cache({ name: 'catalog', ttl: '5m', store });
 */
export class MemoryCacheStore extends CacheStore {
  private readonly settings: MemoryCacheSettings;
  private readonly entries: LRUCache<string, CacheEntry>;
  private readonly tags: TagInvalidations;
  private readonly evictions = new EventEmitter<CacheEvictionEvent>();
  /** Fires when an entry is pushed out by a limit or found past its `staleUntil`. */
  readonly onEviction: Event<CacheEvictionEvent> = this.evictions.event;

  /**
   * @param options see {@link MemoryCacheStoreOptions}; checked here, once
   * @throws InvalidOptionError naming the option, the value and what is allowed
   */
  constructor(options?: MemoryCacheStoreOptions) {
    super();
    const settings = (this.settings = resolveMemoryCacheOptions(options));
    this.tags = new TagInvalidations(settings.maxTags);
    this.entries = new LRUCache<string, CacheEntry>({
      max: settings.maxEntries,
      maxSize: settings.maxBytes,
      sizeCalculation: settings.maxBytes > 0 ? (entry, key) => this.sizeOf(entry, key) : undefined,
      perf: settings.clock,
      // Read the clock on every check, so an injected clock is obeyed at once (no cached time, no timer).
      ttlResolution: 0,
      dispose: (_entry, key, reason) => this.evicted(key, reason),
    });
  }

  /** How many entries the store holds (some may be past `staleUntil`, not yet dropped). */
  get size(): number {
    return this.entries.size;
  }

  /** The sum of the entries' sizes, when `maxBytes` is set; otherwise 0. */
  get bytes(): number {
    return this.entries.calculatedSize;
  }

  /** @inheritDoc */
  get<T>(key: string): Promise<CacheEntry<T> | undefined> {
    const entry = this.peek<T>(key);
    return entry === undefined ? MISS : Promise.resolve(entry);
  }

  /** @inheritDoc */
  override peek<T>(key: string): CacheEntry<T> | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    // lru-cache's own expiry is by age; staleUntil is the contract (and the wall clock may jump).
    if (entry.staleUntil <= this.settings.clock.now()) {
      this.entries.delete(key);
      this.evicted(key, 'expire');
      return undefined;
    }
    return entry as CacheEntry<T>;
  }

  /** @inheritDoc */
  override peekTagInvalidatedAt(tags: readonly string[]): number {
    return this.tags.latest(tags);
  }

  /** @inheritDoc */
  set<T>(key: string, entry: CacheEntry<T>): Promise<void> {
    this.setLocal(key, entry);
    return DONE;
  }

  /** @inheritDoc */
  override setLocal<T>(key: string, entry: CacheEntry<T>): void {
    const ttl = entry.staleUntil - this.settings.clock.now();
    if (ttl <= 0) this.entries.delete(key);
    else this.entries.set(key, entry, { ttl: Number.isFinite(ttl) ? Math.ceil(ttl) : 0 });
  }

  /** @inheritDoc */
  delete(key: string): Promise<void> {
    this.entries.delete(key);
    return DONE;
  }

  /** @inheritDoc Walks every key: O(entries). */
  deleteByPrefix(prefix: string): Promise<void> {
    const matching: string[] = [];
    for (const key of this.entries.keys()) if (key.startsWith(prefix)) matching.push(key);
    for (const key of matching) this.entries.delete(key);
    return DONE;
  }

  /** @inheritDoc */
  invalidateTag(tag: string, at: number): Promise<void> {
    this.tags.record(tag, at);
    return DONE;
  }

  /** @inheritDoc */
  tagInvalidatedAt(tags: readonly string[]): Promise<number> {
    return Promise.resolve(this.peekTagInvalidatedAt(tags));
  }

  private sizeOf(entry: CacheEntry, key: string): number {
    const size = this.settings.sizeOf ? this.settings.sizeOf(entry, key) : 64 + key.length * 2 + estimateBytes(entry.value);
    // lru-cache insists on a positive integer; a sloppy sizeOf must not break a write.
    return Number.isFinite(size) && size >= 1 ? Math.ceil(size) : 1;
  }

  private evicted(key: string, reason: LRUCache.DisposeReason): void {
    if (!this.evictions.hasListeners || (reason !== 'evict' && reason !== 'expire')) return;
    this.evictions.emit({ key, reason: reason === 'evict' ? 'capacity' : 'expired' });
  }
}
