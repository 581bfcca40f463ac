import { afterEach, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../clock/manual.clock.js';
import { isTimeoutError } from '../errors/timeout.error.js';
import type { CacheEntry } from './cache-entry.js';
import { cacheKey } from './cache-key.js';
import type { CacheFactoryContext } from './cache.options.js';
import { cache } from './cache.policy.js';
import { MemoryCacheStore } from './memory-cache.store.js';

function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (error: unknown) => void } {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

/** Lets every pending promise callback run: no time passes. */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function setup(options: Partial<Parameters<typeof cache>[0]> = {}) {
  const clock = new ManualClock(1_000_000);
  const store = new MemoryCacheStore({ clock });
  const catalog = cache({ name: 'catalog', namespace: 'shop', ttl: 1_000, earlyRefresh: false, clock, store, ...options });
  return { clock, store, catalog };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('cache: getOrSet', () => {
  it('returns but does not store a value that unless() rejects', async () => {
    const { catalog } = setup();
    const factory = vi.fn((): { stock: number } => ({ stock: 0 }));
    const unless = (value: { stock: number }): boolean => value.stock === 0;
    expect(await catalog.getOrSet('SKU-1', factory, { unless })).toEqual({ stock: 0 });
    expect(await catalog.getOrSet('SKU-1', factory, { unless })).toEqual({ stock: 0 });
    expect(factory).toHaveBeenCalledTimes(2);
    expect(await catalog.get('SKU-1')).toBeUndefined();
  });

  it('calls the factory on a miss, then answers from the store until the entry expires', async () => {
    const { clock, catalog } = setup();
    const factory = vi.fn(() => 'v1');
    const events: string[] = [];
    catalog.onHit(() => events.push('hit'));
    catalog.onMiss(() => events.push('miss'));
    expect(await catalog.getOrSet('SKU-1', factory)).toBe('v1');
    clock.advance(999);
    expect(await catalog.getOrSet('SKU-1', factory)).toBe('v1');
    expect(factory).toHaveBeenCalledTimes(1);
    clock.advance(1);
    factory.mockReturnValue('v2');
    expect(await catalog.getOrSet('SKU-1', factory)).toBe('v2');
    expect(factory).toHaveBeenCalledTimes(2);
    expect(events).toEqual(['miss', 'hit', 'miss']);
  });

  it('stores the entry under <namespace>:<name>:<digest>, with its times and compute duration', async () => {
    const { clock, store, catalog } = setup({ grace: 500 });
    await catalog.getOrSet(['SKU-1', 'EUR'], () => {
      clock.advance(40);
      return 3;
    });
    const key = cacheKey('shop', 'catalog', ['SKU-1', 'EUR']);
    expect(catalog.keyOf(['SKU-1', 'EUR'])).toBe(key);
    expect(await store.get(key)).toEqual<CacheEntry<number>>({
      value: 3,
      createdAt: 1_000_000,
      expiresAt: 1_001_040,
      staleUntil: 1_001_540,
      computeMs: 40,
    });
  });

  it('treats a string key as a one-argument list, and tells other arguments apart', async () => {
    const { catalog } = setup();
    await catalog.set('a', 1);
    expect(await catalog.get(['a'])).toBe(1);
    expect(await catalog.get(['a', undefined])).toBeUndefined();
    expect(await catalog.get([{ sku: 'a' }])).toBeUndefined();
  });

  it('runs the factory once for 1,000 concurrent cold callers', async () => {
    const { catalog } = setup();
    const value = deferred<string>();
    const factory = vi.fn(() => value.promise);
    const calls = Array.from({ length: 1_000 }, () => catalog.getOrSet('hot', factory));
    await settle();
    value.resolve('once');
    expect(new Set(await Promise.all(calls))).toEqual(new Set(['once']));
    expect(factory).toHaveBeenCalledTimes(1);
  });

  it('never caches an error: waiting callers share it, the next call tries again', async () => {
    const { catalog } = setup();
    const failure = deferred<string>();
    const factory = vi.fn(() => failure.promise);
    const first = catalog.getOrSet('k', factory);
    const second = catalog.getOrSet('k', factory);
    failure.reject(new Error('db down'));
    await expect(first).rejects.toThrow('db down');
    await expect(second).rejects.toThrow('db down');
    expect(await catalog.getOrSet('k', () => 'ok')).toBe('ok');
    expect(factory).toHaveBeenCalledTimes(1);
  });

  it('reports factory outcomes with their duration', async () => {
    const { clock, catalog } = setup();
    const seen: unknown[] = [];
    catalog.onFactorySuccess((event) => seen.push(event));
    catalog.onFactoryError((event) => seen.push(event));
    await catalog.getOrSet('a', () => (clock.advance(5), 1));
    const error = new Error('no');
    await catalog.getOrSet('b', () => (clock.advance(7), Promise.reject(error))).catch(() => {});
    expect(seen).toEqual([
      { name: 'catalog', key: catalog.keyOf('a'), durationMs: 5 },
      { name: 'catalog', key: catalog.keyOf('b'), durationMs: 7, error },
    ]);
  });

  it('caches null by default, but never undefined', async () => {
    const { catalog } = setup();
    const nothing = vi.fn(() => null);
    const missing = vi.fn(() => undefined);
    await catalog.getOrSet('n', nothing);
    await catalog.getOrSet('n', nothing);
    await catalog.getOrSet('u', missing);
    await catalog.getOrSet('u', missing);
    expect(nothing).toHaveBeenCalledTimes(1);
    expect(missing).toHaveBeenCalledTimes(2);
  });

  it('does not cache null with cacheNull: false', async () => {
    const { catalog } = setup({ cacheNull: false });
    const nothing = vi.fn(() => null);
    await catalog.getOrSet('n', nothing);
    await catalog.getOrSet('n', nothing);
    expect(nothing).toHaveBeenCalledTimes(2);
  });

  it('lets one call override ttl', async () => {
    const { clock, catalog } = setup();
    const factory = vi.fn(() => 1);
    await catalog.getOrSet('k', factory, { ttl: '5s' });
    clock.advance(4_999);
    await catalog.getOrSet('k', factory);
    expect(factory).toHaveBeenCalledTimes(1);
  });

  it('passes the factory its store key and a signal that never aborts without hardTimeout', async () => {
    const { catalog } = setup();
    const factory = vi.fn((_context: CacheFactoryContext) => 1);
    await catalog.getOrSet('k', factory);
    expect(factory).toHaveBeenCalledWith({ key: catalog.keyOf('k'), signal: expect.any(AbortSignal) });
    expect(factory.mock.calls[0]?.[0].signal.aborted).toBe(false);
  });

  it('gives up on a factory after hardTimeout, aborting its signal, and caches nothing', async () => {
    vi.useFakeTimers();
    const { catalog } = setup({ hardTimeout: '2s' });
    let signal: AbortSignal | undefined;
    const call = catalog.getOrSet('k', (context) => {
      signal = context.signal;
      return new Promise<never>(() => {});
    });
    const outcome = call.catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(isTimeoutError(await outcome)).toBe(true);
    expect(signal?.aborted).toBe(true);
    expect(await catalog.get('k')).toBeUndefined();
  });
});

describe('cache: get, set, delete, clear', () => {
  it('get answers fresh values only, and set writes one', async () => {
    const { clock, catalog } = setup({ grace: 10_000 });
    expect(await catalog.get('k')).toBeUndefined();
    await catalog.set('k', 'v', { ttl: 100 });
    expect(await catalog.get('k')).toBe('v');
    clock.advance(100);
    expect(await catalog.get('k')).toBeUndefined();
  });

  it('set with undefined deletes the entry', async () => {
    const { catalog } = setup();
    await catalog.set('k', 'v');
    await catalog.set('k', undefined);
    expect(await catalog.get('k')).toBeUndefined();
  });

  it('delete drops an entry; a load already running answers but does not store', async () => {
    const { catalog } = setup();
    const slow = deferred<string>();
    const factory = vi.fn(() => slow.promise);
    const loading = catalog.getOrSet('k', factory);
    await settle();
    expect(factory).toHaveBeenCalled();
    await catalog.delete('k');
    slow.resolve('computed before the delete');
    expect(await loading).toBe('computed before the delete');
    expect(await catalog.get('k')).toBeUndefined();
  });

  it("clear drops this cache's entries and no other's", async () => {
    const { clock, store, catalog } = setup();
    const prices = cache({ name: 'prices', namespace: 'shop', clock, store });
    await catalog.set('a', 1);
    await catalog.set('b', 2);
    await prices.set('a', 3);
    await catalog.clear();
    expect([await catalog.get('a'), await catalog.get('b'), await prices.get('a')]).toEqual([undefined, undefined, 3]);
  });
});

describe('cache: a failing store', () => {
  const broken = (): MemoryCacheStore => {
    const store = new MemoryCacheStore();
    const fail = (): Promise<never> => Promise.reject(new Error('store down'));
    Object.assign(store, { get: fail, set: fail, tagInvalidatedAt: fail, delete: fail });
    return store;
  };

  it('reads as a miss and skips the write, reporting both', async () => {
    const { catalog } = setup({ store: broken() });
    const operations: string[] = [];
    catalog.onStoreError(({ operation, error }) => operations.push(`${operation}: ${(error as Error).message}`));
    expect(await catalog.getOrSet('k', () => 'computed')).toBe('computed');
    expect(operations).toEqual(['get: store down', 'set: store down']);
  });

  it('reads an entry whose tags cannot be checked as a miss', async () => {
    const clock = new ManualClock(1_000);
    const store = new MemoryCacheStore({ clock });
    const catalog = cache({ name: 'catalog', clock, store, tags: ['all'] });
    await catalog.set('k', 'tagged');
    store.tagInvalidatedAt = () => Promise.reject(new Error('tags down'));
    expect(await catalog.get('k')).toBeUndefined();
  });

  it('lets an explicit delete fail loudly, since the caller relies on it', async () => {
    const { catalog } = setup({ store: broken() });
    await expect(catalog.delete('k')).rejects.toThrow('store down');
  });
});
