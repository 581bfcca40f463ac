import { describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../clock/manual.clock.js';
import { cache } from './cache.policy.js';
import type { InvalidationMessage } from './invalidation.bus.js';
import { MemoryCacheStore } from './memory-cache.store.js';
import { MemoryInvalidationBus } from './memory-invalidation.bus.js';

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Two instances, each with its own memory store, joined by one bus. */
function twoInstances() {
  const clock = new ManualClock(1_000);
  const bus = new MemoryInvalidationBus();
  const storeOfB = new MemoryCacheStore({ clock });
  const make = (store = new MemoryCacheStore({ clock })) => cache({ name: 'catalog', ttl: '1h', earlyRefresh: false, clock, bus, store, tags: ['all'] });
  return { clock, bus, storeOfB, a: make(), b: make(storeOfB) };
}

describe('cache with a bus (per-process stores)', () => {
  it("drops the other instance's copy when one sets a key", async () => {
    const { a, b } = twoInstances();
    await b.set('k', 'old');
    await a.set('k', 'new');
    await settle();
    expect(await b.get('k')).toBeUndefined();
    expect(await a.get('k')).toBe('new');
  });

  it('drops it on delete and on clear', async () => {
    const { a, b } = twoInstances();
    await b.set('x', 1);
    await b.set('y', 2);
    await a.delete('x');
    await settle();
    expect(await b.get('x')).toBeUndefined();
    expect(await b.get('y')).toBe(2);
    await a.clear();
    await settle();
    expect(await b.get('y')).toBeUndefined();
  });

  it("invalidates tags on the other instance's store", async () => {
    const { clock, a, b } = twoInstances();
    await b.set('k', 'tagged');
    clock.advance(1);
    await a.invalidateTags(['all']);
    await settle();
    expect(await b.get('k')).toBeUndefined();
  });

  it('does not publish when filling a miss, so instances do not evict each other in turn', async () => {
    const { bus, a, b } = twoInstances();
    const published: InvalidationMessage[] = [];
    bus.subscribe((message) => published.push(message));
    await b.getOrSet('k', () => 'b');
    await a.getOrSet('k', () => 'a');
    await settle();
    expect(published).toEqual([]);
    expect(await b.get('k')).toBe('b');
  });

  it('ignores messages about other caches', async () => {
    const { clock, bus, storeOfB, b } = twoInstances();
    const other = cache({ name: 'prices', clock, bus, store: new MemoryCacheStore({ clock }), tags: ['all'] });
    await b.set('k', 'kept');
    const deletes = vi.spyOn(storeOfB, 'delete');
    const prefixDeletes = vi.spyOn(storeOfB, 'deleteByPrefix');
    await other.clear();
    await other.delete('k');
    await settle();
    expect(deletes).not.toHaveBeenCalled();
    expect(prefixDeletes).not.toHaveBeenCalled();
    expect(await b.get('k')).toBe('kept');
  });

  it('stops listening once disposed', async () => {
    const { a, b } = twoInstances();
    b.dispose();
    await b.set('k', 'mine');
    await a.delete('k');
    await settle();
    expect(await b.get('k')).toBe('mine');
  });
});
