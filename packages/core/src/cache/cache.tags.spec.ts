import { describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../clock/manual.clock.js';
import { cache } from './cache.policy.js';
import { tagKey } from './cache-key.js';
import { MemoryCacheStore } from './memory-cache.store.js';

function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((res) => (resolve = res));
  return { promise, resolve };
}

function setup(options: Partial<Parameters<typeof cache>[0]> = {}) {
  const clock = new ManualClock(1_000);
  const store = new MemoryCacheStore({ clock });
  const catalog = cache({ name: 'catalog', namespace: 'shop', ttl: '1h', earlyRefresh: false, clock, store, ...options });
  return { clock, store, catalog };
}

describe('cache: tags', () => {
  it('invalidates every entry carrying a tag, and no other', async () => {
    const { clock, catalog } = setup();
    await catalog.set('a', 'A', { tags: ['sku:1'] });
    await catalog.set('b', 'B', { tags: ['sku:1', 'sku:2'] });
    await catalog.set('c', 'C', { tags: ['sku:2'] });
    clock.advance(1);
    await catalog.invalidateTags(['sku:1']);
    expect([await catalog.get('a'), await catalog.get('b'), await catalog.get('c')]).toEqual([undefined, undefined, 'C']);
  });

  it('records one time per tag and touches no entry: O(1) whatever the number of entries', async () => {
    const { store, catalog } = setup();
    for (let i = 0; i < 100; i++) await catalog.set(String(i), i, { tags: ['all'] });
    const invalidateTag = vi.spyOn(store, 'invalidateTag');
    const deletes = vi.spyOn(store, 'delete');
    const prefixDeletes = vi.spyOn(store, 'deleteByPrefix');
    await catalog.invalidateTags(['all']);
    expect(invalidateTag).toHaveBeenCalledTimes(1);
    expect(invalidateTag).toHaveBeenCalledWith(tagKey('shop', 'all'), 1_000);
    expect(deletes).not.toHaveBeenCalled();
    expect(prefixDeletes).not.toHaveBeenCalled();
  });

  it('takes tags from the cache, from the value and from the call', async () => {
    const { clock, catalog } = setup({ tags: (value) => [`brand:${(value as { brand: string }).brand}`] });
    const byCall = await catalog.getOrSet('p1', () => ({ brand: 'acme' }), { tags: ['sku:p1'] });
    expect(byCall).toEqual({ brand: 'acme' });
    clock.advance(1);
    await catalog.invalidateTags(['brand:acme']);
    expect(await catalog.get('p1')).toBeUndefined();
    await catalog.getOrSet('p1', () => ({ brand: 'acme' }), { tags: (value) => [`name:${value.brand}`] });
    clock.advance(1);
    await catalog.invalidateTags(['name:acme']);
    expect(await catalog.get('p1')).toBeUndefined();
  });

  it('keeps entries written after the invalidation', async () => {
    const { clock, catalog } = setup({ tags: ['all'] });
    await catalog.invalidateTags(['all']);
    clock.advance(1);
    await catalog.set('k', 'after');
    expect(await catalog.get('k')).toBe('after');
  });

  it('treats an entry written in the same millisecond as the invalidation as invalid', async () => {
    const { catalog } = setup({ tags: ['all'] });
    await catalog.set('k', 'racing');
    await catalog.invalidateTags(['all']);
    expect(await catalog.get('k')).toBeUndefined();
  });

  it('does not serve a value whose computation began before the invalidation', async () => {
    const { clock, catalog } = setup({ tags: ['all'] });
    const slow = deferred<string>();
    const factory = vi.fn(() => slow.promise);
    const loading = catalog.getOrSet('k', factory);
    await new Promise((resolve) => setImmediate(resolve));
    clock.advance(10);
    await catalog.invalidateTags(['all']);
    clock.advance(10);
    slow.resolve('read before the change');
    expect(await loading).toBe('read before the change');
    expect(await catalog.get('k')).toBeUndefined();
  });

  it('never serves an invalidated entry as stale, even within grace', async () => {
    const { clock, catalog } = setup({ ttl: 100, grace: '1h', tags: ['all'] });
    await catalog.set('k', 'old');
    clock.advance(200);
    await catalog.invalidateTags(['all']);
    await expect(catalog.getOrSet('k', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
  });

  it('keeps namespaces apart in a shared store', async () => {
    const { clock, store, catalog } = setup({ tags: ['all'] });
    const other = cache({ name: 'catalog', namespace: 'other', clock, store, tags: ['all'] });
    await catalog.set('k', 'shop');
    await other.set('k', 'other');
    clock.advance(1);
    await catalog.invalidateTags(['all']);
    expect([await catalog.get('k'), await other.get('k')]).toEqual([undefined, 'other']);
  });
});
