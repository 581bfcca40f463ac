import { describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../clock/manual.clock.js';
import type { CacheEntry } from './cache-entry.js';
import { cache } from './cache.policy.js';
import type { InvalidationMessage } from './invalidation.bus.js';
import { MemoryCacheStore } from './memory-cache.store.js';
import { MemoryInvalidationBus } from './memory-invalidation.bus.js';
import { TieredCacheStore, type TieredCacheHitEvent } from './tiered-cache.store.js';

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Two instances, each an L1 in front of one shared L2, joined by one bus. */
function cluster(l1Ttl?: number) {
  const clock = new ManualClock(1_000);
  const l2 = new MemoryCacheStore({ clock });
  const bus = new MemoryInvalidationBus();
  const instance = () => {
    const l1 = new MemoryCacheStore({ clock });
    const store = new TieredCacheStore(l1, l2, { bus, l1Ttl, clock });
    const hits: Array<TieredCacheHitEvent['tier']> = [];
    store.onHit(({ tier }) => hits.push(tier));
    const catalog = cache({ name: 'catalog', ttl: '1h', earlyRefresh: false, clock, store, tags: ['all'] });
    return { l1, store, hits, catalog };
  };
  return { clock, l2, bus, a: instance(), b: instance() };
}

const entry = (value: unknown, extra: Partial<CacheEntry> = {}): CacheEntry => ({ value, createdAt: 1_000, expiresAt: 100_000, staleUntil: 100_000, ...extra });

describe('TieredCacheStore', () => {
  it('reads L1, then L2 filling L1, and says which tier answered', async () => {
    const { a, b } = cluster();
    await a.catalog.getOrSet('k', () => 'v');
    expect(await b.catalog.getOrSet('k', () => 'not called')).toBe('v');
    expect(await b.catalog.getOrSet('k', () => 'not called')).toBe('v');
    expect(b.hits).toEqual(['l2', 'l1']);
  });

  it('writes both tiers and keeps its own L1 copy', async () => {
    const { l2, a } = cluster();
    await a.catalog.set('k', 'v');
    await settle();
    const key = a.catalog.keyOf('k');
    expect((await l2.get(key))?.value).toBe('v');
    expect((await a.l1.get(key))?.value).toBe('v');
  });

  it("drops every other instance's L1 copy when one instance writes", async () => {
    const { a, b } = cluster();
    await a.catalog.getOrSet('k', () => 'v1');
    await b.catalog.getOrSet('k', () => 'unused');
    await a.catalog.set('k', 'v2');
    await settle();
    expect(await b.l1.get(b.catalog.keyOf('k'))).toBeUndefined();
    expect(await b.catalog.get('k')).toBe('v2');
  });

  it('drops them on delete and clear', async () => {
    const { a, b } = cluster();
    await b.catalog.set('x', 1);
    await b.catalog.set('y', 2);
    await a.catalog.delete('x');
    await settle();
    expect(await b.catalog.get('x')).toBeUndefined();
    await a.catalog.clear();
    await settle();
    expect(await b.catalog.get('y')).toBeUndefined();
  });

  it('invalidates a tag on every instance, though their L1 copies stay in place', async () => {
    const { clock, a, b } = cluster();
    await b.catalog.set('k', 'tagged');
    clock.advance(1);
    await a.catalog.invalidateTags(['all']);
    await settle();
    expect(await b.l1.get(b.catalog.keyOf('k'))).toBeDefined();
    expect(await b.catalog.get('k')).toBeUndefined();
  });

  it('does not serve from L2 an entry whose tag L2 records as invalidated, though this instance never heard', async () => {
    const { l2, a } = cluster();
    const key = a.catalog.keyOf('k');
    await l2.set(key, entry('old', { tags: ['t'], createdAt: 1_000 }));
    await l2.invalidateTag('t', 1_000);
    expect(await a.store.get(key)).toBeUndefined();
    expect(await a.l1.get(key)).toBeUndefined();
  });

  it('does not fill L1 from an L2 read that overlapped another instance\'s change', async () => {
    const { l2, bus, a } = cluster();
    const key = a.catalog.keyOf('k');
    await l2.set(key, entry('old'));
    const read = l2.get.bind(l2);
    vi.spyOn(l2, 'get').mockImplementationOnce(async (k) => {
      const found = await read(k);
      await bus.publish({ kind: 'key', value: key, at: 1_000, origin: 'another instance' });
      return found;
    });
    expect((await a.store.get(key))?.value).toBe('old');
    expect(await a.l1.get(key)).toBeUndefined();
  });

  it('ignores its own messages', async () => {
    const { bus, a } = cluster();
    const seen: InvalidationMessage[] = [];
    bus.subscribe((message) => seen.push(message));
    await a.store.set('shop:catalog:k', entry('v'));
    await settle();
    expect(seen).toHaveLength(1);
    expect((await a.l1.get('shop:catalog:k'))?.value).toBe('v');
  });

  it('bounds how long an L1 copy lives with l1Ttl, then reads L2 again', async () => {
    const { clock, a, b } = cluster(5_000);
    await a.catalog.set('k', 'v');
    await b.catalog.get('k');
    clock.advance(4_999);
    await b.catalog.get('k');
    clock.advance(1);
    await b.catalog.get('k');
    expect(b.hits).toEqual(['l2', 'l1', 'l2']);
  });

  it('keeps the entry times but caps staleUntil on the L1 copy', async () => {
    const { a } = cluster(5_000);
    const stored = entry('v', { expiresAt: 50_000, staleUntil: 90_000, computeMs: 30 });
    await a.store.set('shop:catalog:k', stored);
    expect(await a.l1.get('shop:catalog:k')).toEqual({ ...stored, staleUntil: 6_000 });
  });

  it('reports an invalidation it could not apply to L1', async () => {
    const { bus, a } = cluster();
    const errors: unknown[] = [];
    a.store.onError(({ error }) => errors.push(error));
    a.l1.deleteByPrefix = () => Promise.reject(new Error('l1 broken'));
    await bus.publish({ kind: 'prefix', value: 'bulwark:catalog:', at: 1, origin: 'elsewhere' });
    await settle();
    expect(errors).toEqual([new Error('l1 broken')]);
  });

  it('stops dropping L1 copies once disposed', async () => {
    const { a, b } = cluster();
    await b.catalog.set('k', 'v1');
    b.store.dispose();
    await a.catalog.set('k', 'v2');
    await settle();
    expect(await b.catalog.get('k')).toBe('v1');
  });

  it.each<[unknown, unknown, object, string]>([
    [{}, new MemoryCacheStore(), { bus: new MemoryInvalidationBus() }, 'Invalid option tieredCacheStore.l1: {}. Expected a CacheStore such as new MemoryCacheStore()'],
    [new MemoryCacheStore(), null, { bus: new MemoryInvalidationBus() }, 'Invalid option tieredCacheStore.l2: null. Expected a CacheStore'],
    [new MemoryCacheStore(), new MemoryCacheStore(), {}, 'Missing option tieredCacheStore.bus. Expected an InvalidationBus: an object with publish and subscribe methods; in one process, new MemoryInvalidationBus().'],
    [new MemoryCacheStore(), new MemoryCacheStore(), { bus: new MemoryInvalidationBus(), l1Ttl: 0 }, 'Invalid option tieredCacheStore.l1Ttl: 0. Expected a finite duration, at least 1 ms'],
    [new MemoryCacheStore(), new MemoryCacheStore(), { bus: new MemoryInvalidationBus(), ttl: 5 }, 'Unknown option tieredCacheStore.ttl.'],
  ])('refuses l1 %j, l2 %j, options %j', (l1, l2, options, message) => {
    expect(() => new TieredCacheStore(l1 as never, l2 as never, options as never)).toThrow(message);
  });
});
