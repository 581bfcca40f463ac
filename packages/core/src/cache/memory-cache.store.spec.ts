import { describe, expect, it } from 'vitest';
import { ManualClock } from '../clock/manual.clock.js';
import type { CacheEntry } from './cache-entry.js';
import type { CacheEvictionEvent } from './memory-cache.store.js';
import { MemoryCacheStore } from './memory-cache.store.js';

const entry = <T>(value: T, staleUntil = 1_000, extra: Partial<CacheEntry<T>> = {}): CacheEntry<T> => ({
  value,
  createdAt: 0,
  expiresAt: Math.min(500, staleUntil),
  staleUntil,
  ...extra,
});

describe('MemoryCacheStore', () => {
  it('returns what was stored, by reference', async () => {
    const store = new MemoryCacheStore({ clock: new ManualClock() });
    const stored = entry({ sku: 'A' });
    await store.set('k', stored);
    expect(await store.get('k')).toBe(stored);
    expect(await store.get('other')).toBeUndefined();
  });

  it('keeps an entry until its staleUntil, then drops it and reports it expired', async () => {
    const clock = new ManualClock();
    const store = new MemoryCacheStore({ clock });
    const evictions: CacheEvictionEvent[] = [];
    store.onEviction((event) => evictions.push(event));
    await store.set('k', entry('v', 1_000));
    clock.advance(999);
    expect(await store.get('k')).toBeDefined();
    clock.advance(1);
    expect(await store.get('k')).toBeUndefined();
    expect(evictions).toEqual([{ key: 'k', reason: 'expired' }]);
  });

  it('does not store an entry already past its staleUntil, and drops the older one', async () => {
    const clock = new ManualClock(2_000);
    const store = new MemoryCacheStore({ clock });
    await store.set('k', entry('old', 5_000));
    await store.set('k', entry('new', 1_000));
    expect(await store.get('k')).toBeUndefined();
  });

  it('keeps an entry with an infinite staleUntil until it is pushed out', async () => {
    const clock = new ManualClock();
    const store = new MemoryCacheStore({ clock });
    await store.set('k', entry('v', Infinity));
    clock.advance(1e12);
    expect((await store.get('k'))?.value).toBe('v');
  });

  it('drops the least recently used entry beyond maxEntries and reports it', async () => {
    const store = new MemoryCacheStore({ maxEntries: 2, clock: new ManualClock() });
    const evictions: CacheEvictionEvent[] = [];
    store.onEviction((event) => evictions.push(event));
    await store.set('a', entry(1));
    await store.set('b', entry(2));
    await store.get('a');
    await store.set('c', entry(3));
    expect(await store.get('b')).toBeUndefined();
    expect((await store.get('a'))?.value).toBe(1);
    expect(store.size).toBe(2);
    expect(evictions).toEqual([{ key: 'b', reason: 'capacity' }]);
  });

  it('bounds the estimated bytes with maxBytes', async () => {
    const store = new MemoryCacheStore({ maxBytes: 10_000, clock: new ManualClock() });
    for (let i = 0; i < 10; i++) await store.set(`k${i}`, entry('x'.repeat(1_000)));
    expect(store.bytes).toBeLessThanOrEqual(10_000);
    expect(store.size).toBeLessThan(10);
    expect(await store.get('k9')).toBeDefined();
    expect(await store.get('k0')).toBeUndefined();
  });

  it('sizes entries with sizeOf, and skips one larger than maxBytes', async () => {
    const store = new MemoryCacheStore({ maxBytes: 100, sizeOf: (e) => (e.value as number[]).length, clock: new ManualClock() });
    await store.set('small', entry([1, 2, 3]));
    await store.set('huge', entry(new Array<number>(101).fill(0)));
    expect(store.bytes).toBe(3);
    expect(await store.get('huge')).toBeUndefined();
  });

  it('counts a nonsense size as 1 byte rather than failing the write', async () => {
    const store = new MemoryCacheStore({ maxBytes: 100, sizeOf: () => NaN, clock: new ManualClock() });
    await store.set('k', entry(1));
    expect(store.bytes).toBe(1);
  });

  it('deletes one key, or every key with a prefix', async () => {
    const store = new MemoryCacheStore({ clock: new ManualClock() });
    for (const key of ['shop:catalog:1', 'shop:catalog:2', 'shop:catalogue:1', 'shop:prices:1']) await store.set(key, entry(key));
    await store.delete('shop:prices:1');
    await store.deleteByPrefix('shop:catalog:');
    const left = await Promise.all(['shop:catalog:1', 'shop:catalog:2', 'shop:catalogue:1', 'shop:prices:1'].map((key) => store.get(key)));
    expect(left.map((e) => e?.value)).toEqual([undefined, undefined, 'shop:catalogue:1', undefined]);
  });

  it('reports the latest invalidation among tags, 0 for tags never invalidated', async () => {
    const store = new MemoryCacheStore({ clock: new ManualClock() });
    await store.invalidateTag('t1', 100);
    await store.invalidateTag('t2', 300);
    await store.invalidateTag('t2', 200);
    expect(await store.tagInvalidatedAt(['t1', 't2', 't3'])).toBe(300);
    expect(await store.tagInvalidatedAt(['t3'])).toBe(0);
    expect(await store.tagInvalidatedAt([])).toBe(0);
  });

  it('after forgetting a tag record beyond maxTags, treats unrecorded tags as invalidated then (never resurrects)', async () => {
    const store = new MemoryCacheStore({ maxTags: 2, clock: new ManualClock() });
    await store.invalidateTag('a', 100);
    await store.invalidateTag('b', 200);
    await store.invalidateTag('c', 300);
    expect(await store.tagInvalidatedAt(['a'])).toBe(100);
    expect(await store.tagInvalidatedAt(['never'])).toBe(100);
    expect(await store.tagInvalidatedAt(['c'])).toBe(300);
  });

  it.each([
    [{ maxEntries: 0 }, 'Invalid option memoryCacheStore.maxEntries: 0. Expected an integer from 1 to 100000000.'],
    [{ maxEntries: 1.5 }, 'Invalid option memoryCacheStore.maxEntries: 1.5.'],
    [{ maxBytes: -1 }, 'Invalid option memoryCacheStore.maxBytes: -1. Expected an integer 1 or more.'],
    [{ maxTags: 0 }, 'Invalid option memoryCacheStore.maxTags: 0. Expected an integer from 1 to 100000000.'],
    [{ sizeOf: 5 }, 'Invalid option memoryCacheStore.sizeOf: 5. Expected a function.'],
    [{ sizeOf: () => 1 }, 'Missing option memoryCacheStore.maxBytes. Expected a byte limit whenever sizeOf is given, as sizes only matter against maxBytes.'],
    [{ clock: Date }, 'Invalid option memoryCacheStore.clock: a function. Expected a Clock: an object with a now() method returning epoch milliseconds, such as wallClock.'],
    [{ maxEntrie: 5 }, 'Unknown option memoryCacheStore.maxEntrie. Did you mean "maxEntries"?'],
  ])('refuses %j', (options, message) => {
    expect(() => new MemoryCacheStore(options as never)).toThrow(message);
  });
});
