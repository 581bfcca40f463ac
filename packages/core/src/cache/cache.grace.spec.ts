import { afterEach, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../clock/manual.clock.js';
import { cache } from './cache.policy.js';
import type { CacheRefreshEvent, CacheStaleEvent } from './cache.events.js';
import { MemoryCacheStore } from './memory-cache.store.js';

function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (error: unknown) => void } {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

async function primed(options: Partial<Parameters<typeof cache>[0]> = {}) {
  const clock = new ManualClock(1_000_000);
  const catalog = cache({ name: 'catalog', ttl: 1_000, grace: 10_000, earlyRefresh: false, clock, store: new MemoryCacheStore({ clock }), ...options });
  const stale: CacheStaleEvent[] = [];
  const refreshes: CacheRefreshEvent[] = [];
  catalog.onStale((event) => stale.push(event));
  catalog.onRefresh((event) => refreshes.push(event));
  await catalog.getOrSet('k', () => 'old');
  clock.advance(1_000);
  return { clock, catalog, stale, refreshes };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('cache: grace (fail-safe)', () => {
  it('serves the expired value within grace when the factory fails, and reports why', async () => {
    const { catalog, stale, refreshes } = await primed();
    const error = new Error('db down');
    expect(await catalog.getOrSet('k', () => Promise.reject(error))).toBe('old');
    expect(stale).toEqual([{ name: 'catalog', key: catalog.keyOf('k'), reason: 'error', error }]);
    expect(refreshes).toEqual([{ name: 'catalog', key: catalog.keyOf('k'), reason: 'expired' }]);
  });

  it('no longer serves it once grace has passed: the error reaches the caller', async () => {
    const { clock, catalog } = await primed();
    clock.advance(10_000);
    await expect(catalog.getOrSet('k', () => Promise.reject(new Error('db down')))).rejects.toThrow('db down');
  });

  it('serves nothing stale without grace', async () => {
    const { catalog } = await primed({ grace: 0 });
    await expect(catalog.getOrSet('k', () => Promise.reject(new Error('db down')))).rejects.toThrow('db down');
  });

  it('returns the refreshed value when the factory succeeds within grace', async () => {
    const { catalog } = await primed();
    expect(await catalog.getOrSet('k', () => 'new')).toBe('new');
    expect(await catalog.get('k')).toBe('new');
  });

  it('serves stale when hardTimeout gives up on the refresh', async () => {
    vi.useFakeTimers();
    const { catalog, stale } = await primed({ hardTimeout: '1s' });
    const answer = catalog.getOrSet('k', () => new Promise<string>(() => {}));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await answer).toBe('old');
    expect(stale[0]).toMatchObject({ reason: 'error', error: expect.objectContaining({ code: 'BULWARK_TIMEOUT' }) });
  });
});

describe('cache: softTimeout', () => {
  it('returns the stale value after softTimeout while the refresh goes on and lands', async () => {
    vi.useFakeTimers();
    const { catalog, stale } = await primed({ softTimeout: '200ms' });
    const refresh = deferred<string>();
    const answer = catalog.getOrSet('k', () => refresh.promise);
    await vi.advanceTimersByTimeAsync(199);
    expect(stale).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(await answer).toBe('old');
    expect(stale).toEqual([{ name: 'catalog', key: catalog.keyOf('k'), reason: 'soft-timeout' }]);
    refresh.resolve('new');
    await vi.advanceTimersByTimeAsync(0);
    expect(await catalog.get('k')).toBe('new');
  });

  it('returns the fresh value when the refresh beats softTimeout', async () => {
    vi.useFakeTimers();
    const { catalog, stale } = await primed({ softTimeout: '200ms' });
    const answer = catalog.getOrSet('k', () => 'quick');
    expect(await answer).toBe('quick');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(stale).toEqual([]);
  });

  it('swallows a background refresh failure after softTimeout, reporting it as an event', async () => {
    vi.useFakeTimers();
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    try {
      const { catalog } = await primed({ softTimeout: '200ms' });
      const errors: unknown[] = [];
      catalog.onFactoryError(({ error }) => errors.push(error));
      const refresh = deferred<string>();
      const answer = catalog.getOrSet('k', () => refresh.promise);
      await vi.advanceTimersByTimeAsync(200);
      expect(await answer).toBe('old');
      refresh.reject(new Error('late failure'));
      await vi.advanceTimersByTimeAsync(0);
      vi.useRealTimers();
      await new Promise((resolve) => setImmediate(resolve));
      expect(errors).toEqual([new Error('late failure')]);
      expect(unhandled).not.toHaveBeenCalled();
      expect(await catalog.getOrSet('k', () => 'recovered')).toBe('recovered');
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  });

  it('waits without softTimeout when there is nothing stale to serve', async () => {
    vi.useFakeTimers();
    const clock = new ManualClock(0);
    const catalog = cache({ name: 'catalog', grace: '1m', softTimeout: '100ms', clock, store: new MemoryCacheStore({ clock }) });
    const slow = deferred<string>();
    const answer = catalog.getOrSet('cold', () => slow.promise);
    let settled = false;
    void answer.then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(5_000);
    expect(settled).toBe(false);
    slow.resolve('computed');
    expect(await answer).toBe('computed');
  });
});
