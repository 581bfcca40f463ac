import { describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../clock/manual.clock.js';
import type { CacheRefreshEvent } from './cache.events.js';
import { cache } from './cache.policy.js';
import { MemoryCacheStore } from './memory-cache.store.js';

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** An entry computed in 100 ms and fresh for 1 s from when it landed; the clock then reads its landing time. */
async function hotKey(options: Partial<Parameters<typeof cache>[0]> = {}) {
  const clock = new ManualClock(1_000_000);
  const catalog = cache({ name: 'catalog', ttl: 1_000, clock, store: new MemoryCacheStore({ clock }), random: () => 0.5, ...options });
  const refreshes: CacheRefreshEvent[] = [];
  catalog.onRefresh((event) => refreshes.push(event));
  let version = 0;
  const factory = vi.fn(() => {
    clock.advance(100);
    return `v${++version}`;
  });
  await catalog.getOrSet('hot', factory);
  return { clock, catalog, factory, refreshes };
}

describe('cache: early refresh (XFetch)', () => {
  // With random() = 0.5 and beta = 1, a read refreshes once 100 ms × ln 2 ≈ 69 ms or less remain.
  it('leaves an entry alone while expiry is far, by the formula', async () => {
    const { clock, catalog, factory } = await hotKey();
    clock.advance(1_000 - 70);
    expect(await catalog.getOrSet('hot', factory)).toBe('v1');
    await settle();
    expect(factory).toHaveBeenCalledTimes(1);
  });

  it('refreshes a hot entry in the background before it expires, serving the current value meanwhile', async () => {
    const { clock, catalog, factory, refreshes } = await hotKey();
    clock.advance(1_000 - 69);
    expect(await catalog.getOrSet('hot', factory)).toBe('v1');
    await settle();
    expect(factory).toHaveBeenCalledTimes(2);
    expect(refreshes).toEqual([{ name: 'catalog', key: catalog.keyOf('hot'), reason: 'early' }]);
    clock.advance(500);
    expect(await catalog.getOrSet('hot', factory)).toBe('v2');
  });

  it('starts one refresh however many readers pass the threshold', async () => {
    const { clock, catalog, factory } = await hotKey();
    clock.advance(1_000 - 10);
    await Promise.all(Array.from({ length: 50 }, () => catalog.getOrSet('hot', factory)));
    await settle();
    expect(factory).toHaveBeenCalledTimes(2);
  });

  it('scales with beta: a larger beta refreshes earlier', async () => {
    const { clock, catalog, factory } = await hotKey({ earlyRefresh: { beta: 10 } });
    clock.advance(1_000 - 690);
    await catalog.getOrSet('hot', factory);
    await settle();
    expect(factory).toHaveBeenCalledTimes(2);
  });

  it('never refreshes early when turned off', async () => {
    const { clock, catalog, factory } = await hotKey({ earlyRefresh: false, random: () => 0 });
    clock.advance(999);
    await catalog.getOrSet('hot', factory);
    await settle();
    expect(factory).toHaveBeenCalledTimes(1);
  });

  it('never refreshes early an entry that took no time to compute', async () => {
    const clock = new ManualClock(0);
    const catalog = cache({ name: 'catalog', ttl: 1_000, clock, store: new MemoryCacheStore({ clock }), random: () => 0 });
    const factory = vi.fn(() => 'instant');
    await catalog.getOrSet('k', factory);
    clock.advance(999);
    await catalog.getOrSet('k', factory);
    await settle();
    expect(factory).toHaveBeenCalledTimes(1);
  });

  it('keeps serving the current value when an early refresh fails', async () => {
    const { clock, catalog, factory } = await hotKey();
    const errors: unknown[] = [];
    catalog.onFactoryError(({ error }) => errors.push(error));
    clock.advance(1_000 - 10);
    const failing = vi.fn(() => Promise.reject(new Error('refresh failed')));
    expect(await catalog.getOrSet('hot', failing)).toBe('v1');
    await settle();
    expect(errors).toEqual([new Error('refresh failed')]);
    expect(await catalog.getOrSet('hot', factory)).toBe('v1');
  });
});
