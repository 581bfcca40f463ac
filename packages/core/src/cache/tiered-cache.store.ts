import { randomUUID } from 'node:crypto';
import type { Disposable, Event } from '../events/event.js';
import { EventEmitter } from '../events/event-emitter.js';
import type { CacheEntry } from './cache-entry.js';
import { CacheStore } from './cache.store.js';
import type { InvalidationMessage } from './invalidation.bus.js';
import { resolveTieredCacheOptions, type TieredCacheSettings } from './tiered-cache.config.js';
import type { TieredCacheStoreOptions } from './tiered-cache.options.js';

/** Emitted by `TieredCacheStore.onHit`: which tier answered a read. */
export interface TieredCacheHitEvent {
  readonly key: string;
  readonly tier: 'l1' | 'l2';
}

/** Emitted by `TieredCacheStore.onError`: applying another instance's invalidation to L1 failed. */
export interface TieredCacheErrorEvent {
  readonly message: InvalidationMessage;
  readonly error: unknown;
}

/**
 * Two tiers: a per-process L1 (usually a `MemoryCacheStore`) in front of a shared L2 (e.g.
 * Redis). Reads try L1, then L2 (filling L1); writes and deletes go to both and are published on
 * the bus, and every other instance drops its L1 copy (key, cache prefix or tag) when it hears
 * of them. Tag invalidation times are read from L1, which the bus keeps current; an entry coming
 * from L2 is checked against L2's.
 *
 * @example
 * const bus = new MemoryInvalidationBus();
 * const store = new TieredCacheStore(new MemoryCacheStore({ maxEntries: 10_000 }), sharedStore, { bus, l1Ttl: '30s' });
 */
export class TieredCacheStore extends CacheStore {
  private readonly settings: TieredCacheSettings;
  private readonly origin = randomUUID();
  private readonly subscription: Disposable;
  /** Bumped by every message from another instance: an L2 read that overlaps one does not fill L1. */
  private epoch = 0;
  private readonly hits = new EventEmitter<TieredCacheHitEvent>();
  private readonly errors = new EventEmitter<TieredCacheErrorEvent>();
  /** Fires on every hit, naming the tier that answered. */
  readonly onHit: Event<TieredCacheHitEvent> = this.hits.event;
  /** Fires when another instance's invalidation could not be applied to L1. */
  readonly onError: Event<TieredCacheErrorEvent> = this.errors.event;

  /**
   * @param l1 the per-process tier
   * @param l2 the shared tier
   * @param options `bus` (required), `l1Ttl`, `clock`
   * @throws InvalidOptionError naming the argument or option, the value and what is allowed
   */
  constructor(
    readonly l1: CacheStore,
    readonly l2: CacheStore,
    options: TieredCacheStoreOptions,
  ) {
    super();
    this.settings = resolveTieredCacheOptions(l1, l2, options);
    this.subscription = this.settings.bus.subscribe((message) => this.heard(message));
  }

  /** @inheritDoc */
  async get<T>(key: string): Promise<CacheEntry<T> | undefined> {
    // A memory L1 answers synchronously: no promise hop on the hot path.
    const local = this.l1.peek !== undefined ? this.l1.peek<T>(key) : await this.l1.get<T>(key);
    if (local !== undefined) return this.hit(key, 'l1', local);
    const epoch = this.epoch;
    const entry = await this.l2.get<T>(key);
    if (entry === undefined) return undefined;
    // L1's tag times only hold what this instance has heard of; L2's are the record.
    if (entry.tags !== undefined && entry.tags.length > 0 && (await this.l2.tagInvalidatedAt(entry.tags)) >= entry.createdAt) return undefined;
    if (epoch === this.epoch) {
      if (this.l1.setLocal !== undefined) this.l1.setLocal(key, this.localCopy(entry));
      else await this.l1.set(key, this.localCopy(entry));
    }
    return this.hit(key, 'l2', entry);
  }

  /** @inheritDoc Then tells other instances to drop their copies. */
  async set<T>(key: string, entry: CacheEntry<T>): Promise<void> {
    const epoch = this.epoch;
    await this.l2.set(key, entry);
    // Another instance changed something meanwhile: our copy may be the older one.
    if (epoch === this.epoch) await this.l1.set(key, this.localCopy(entry));
    else await this.l1.delete(key);
    await this.publish('key', key, entry.createdAt);
  }

  /** @inheritDoc Then tells other instances to drop their copies. */
  async delete(key: string): Promise<void> {
    await this.l2.delete(key);
    await this.l1.delete(key);
    await this.publish('key', key, this.settings.clock.now());
  }

  /** @inheritDoc Then tells other instances to drop their copies. */
  async deleteByPrefix(prefix: string): Promise<void> {
    await this.l2.deleteByPrefix(prefix);
    await this.l1.deleteByPrefix(prefix);
    await this.publish('prefix', prefix, this.settings.clock.now());
  }

  /** @inheritDoc Then tells other instances. */
  async invalidateTag(tag: string, at: number): Promise<void> {
    await this.l2.invalidateTag(tag, at);
    await this.l1.invalidateTag(tag, at);
    await this.publish('tag', tag, at);
  }

  /** @inheritDoc Read from L1, which the bus keeps current. */
  tagInvalidatedAt(tags: readonly string[]): Promise<number> {
    return this.l1.tagInvalidatedAt(tags);
  }

  /** @inheritDoc Reads the memory tier only: a synchronous caller cannot wait for L2. */
  override peek<T>(key: string): CacheEntry<T> | undefined {
    return this.l1.peek?.<T>(key);
  }

  /** @inheritDoc */
  override peekTagInvalidatedAt(tags: readonly string[]): number {
    return this.l1.peekTagInvalidatedAt?.(tags) ?? 0;
  }

  /** @inheritDoc */
  override setLocal<T>(key: string, entry: CacheEntry<T>): void {
    this.l1.setLocal?.(key, this.localCopy(entry));
  }

  /** Stops listening to the bus; L1 copies are then no longer dropped on other instances' writes. */
  dispose(): void {
    this.subscription.dispose();
  }

  private hit<T>(key: string, tier: 'l1' | 'l2', entry: CacheEntry<T>): CacheEntry<T> {
    if (this.hits.hasListeners) this.hits.emit({ key, tier });
    return entry;
  }

  private localCopy<T>(entry: CacheEntry<T>): CacheEntry<T> {
    const l1TtlMs = this.settings.l1TtlMs;
    if (l1TtlMs === Infinity) return entry;
    // Only staleUntil is capped: a capped expiresAt would make XFetch refresh every l1Ttl.
    const until = this.settings.clock.now() + l1TtlMs;
    return until >= entry.staleUntil ? entry : { ...entry, staleUntil: until };
  }

  private publish(kind: InvalidationMessage['kind'], value: string, at: number): Promise<void> {
    return this.settings.bus.publish({ kind, value, at, origin: this.origin });
  }

  private heard(message: InvalidationMessage): void {
    if (message.origin === this.origin) return;
    this.epoch++;
    this.drop(message).catch((error: unknown) => {
      if (this.errors.hasListeners) this.errors.emit({ message, error });
    });
  }

  private async drop(message: InvalidationMessage): Promise<void> {
    if (message.kind === 'key') return this.l1.delete(message.value);
    if (message.kind === 'prefix') return this.l1.deleteByPrefix(message.value);
    return this.l1.invalidateTag(message.value, message.at);
  }
}
