import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CircuitStateChangeEvent } from '../circuit-breaker/circuit-breaker.events.js';
import { ManualClock } from '../clock/manual.clock.js';
import type { CacheEntry } from './cache-entry.js';
import { CacheStore } from './cache.store.js';
import { cache } from './cache.policy.js';
import { FailOpenCacheStore, type FailOpenCacheErrorEvent } from './fail-open-cache.store.js';
import { MemoryCacheStore } from './memory-cache.store.js';
import { MemoryInvalidationBus } from './memory-invalidation.bus.js';
import { TieredCacheStore } from './tiered-cache.store.js';

type Mode = 'up' | 'throw' | 'hang';

/** A remote store whose behaviour the test switches: answering, failing, or never answering. */
class FlakyStore extends CacheStore {
  mode: Mode = 'up';
  calls = 0;
  private readonly inner = new MemoryCacheStore();

  get<T>(key: string): Promise<CacheEntry<T> | undefined> {
    return this.run(() => this.inner.get<T>(key));
  }
  set<T>(key: string, entry: CacheEntry<T>): Promise<void> {
    return this.run(() => this.inner.set(key, entry));
  }
  delete(key: string): Promise<void> {
    return this.run(() => this.inner.delete(key));
  }
  deleteByPrefix(prefix: string): Promise<void> {
    return this.run(() => this.inner.deleteByPrefix(prefix));
  }
  invalidateTag(tag: string, at: number): Promise<void> {
    return this.run(() => this.inner.invalidateTag(tag, at));
  }
  tagInvalidatedAt(tags: readonly string[]): Promise<number> {
    return this.run(() => this.inner.tagInvalidatedAt(tags));
  }

  private run<R>(command: () => Promise<R>): Promise<R> {
    this.calls++;
    if (this.mode === 'throw') return Promise.reject(new Error('ECONNREFUSED'));
    if (this.mode === 'hang') return new Promise<R>(() => {});
    return command();
  }
}

const entry: CacheEntry = { value: 'v', createdAt: Date.now(), expiresAt: Date.now() + 60_000, staleUntil: Date.now() + 60_000 };

function setup() {
  const clock = new ManualClock();
  const remote = new FlakyStore();
  const store = new FailOpenCacheStore(remote, { commandTimeout: '100ms', breaker: { consecutiveFailures: 3, openDuration: '5s', clock } });
  const transitions: string[] = [];
  store.onStateChange(({ from, to }: CircuitStateChangeEvent) => transitions.push(`${from}->${to}`));
  const errors: FailOpenCacheErrorEvent[] = [];
  store.onError((event) => errors.push(event));
  return { clock, remote, store, transitions, errors };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('FailOpenCacheStore', () => {
  it('passes calls through while the store answers', async () => {
    const { store } = setup();
    await store.set('k', entry);
    expect((await store.get('k'))?.value).toBe('v');
    await store.invalidateTag('t', 5);
    expect(await store.tagInvalidatedAt(['t'])).toBe(5);
    await store.delete('k');
    expect(await store.get('k')).toBeUndefined();
  });

  it('turns a failing store into misses and no-ops, never an exception', async () => {
    const { remote, store, errors } = setup();
    remote.mode = 'throw';
    expect(await store.get('k')).toBeUndefined();
    await expect(store.set('k', entry)).resolves.toBeUndefined();
    await expect(store.delete('k')).resolves.toBeUndefined();
    expect(errors.map((e) => e.operation)).toEqual(['get', 'set', 'delete']);
    expect(errors[0].error).toEqual(new Error('ECONNREFUSED'));
  });

  it('reads tags as never invalidated, and skips prefix deletes and tag writes, when failing', async () => {
    const { remote, store } = setup();
    remote.mode = 'throw';
    expect(await store.tagInvalidatedAt(['t'])).toBe(0);
    await expect(store.deleteByPrefix('p:')).resolves.toBeUndefined();
    await expect(store.invalidateTag('t', 1)).resolves.toBeUndefined();
  });

  it('gives up on a hanging store after commandTimeout', async () => {
    vi.useFakeTimers();
    const { remote, store, errors } = setup();
    remote.mode = 'hang';
    const read = store.get('k');
    await vi.advanceTimersByTimeAsync(99);
    expect(errors).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(await read).toBeUndefined();
    expect(errors[0].error).toMatchObject({ code: 'BULWARK_TIMEOUT', timeoutMs: 100 });
  });

  it('leaves the time limit to the store with commandTimeout: false, and still counts its failures', async () => {
    vi.useFakeTimers();
    const remote = new FlakyStore();
    const store = new FailOpenCacheStore(remote, { commandTimeout: false });
    remote.mode = 'hang';
    let settled = false;
    void store.get('k').then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(settled).toBe(false);
    remote.mode = 'throw';
    expect(await store.get('k')).toBeUndefined();
    expect(store.breaker.counts().failures).toBe(1);
  });

  it('opens after consecutive failures and stops calling the store, with one event per transition', async () => {
    const { remote, store, transitions } = setup();
    remote.mode = 'throw';
    for (let i = 0; i < 10; i++) await store.get('k');
    expect(remote.calls).toBe(3);
    expect(store.state).toBe('OPEN');
    expect(transitions).toEqual(['CLOSED->OPEN']);
  });

  it('heals by itself: probes after openDuration and closes once the store answers', async () => {
    const { clock, remote, store, transitions } = setup();
    remote.mode = 'throw';
    for (let i = 0; i < 3; i++) await store.get('k');
    remote.mode = 'up';
    await store.set('k', entry);
    expect(remote.calls).toBe(3);
    clock.advance(5_000);
    await store.set('k', entry);
    expect((await store.get('k'))?.value).toBe('v');
    expect(transitions).toEqual(['CLOSED->OPEN', 'OPEN->HALF_OPEN', 'HALF_OPEN->CLOSED']);
  });

  it('keeps a tiered cache answering from its factory and L1 while L2 is down', async () => {
    vi.useFakeTimers();
    const { remote, store } = setup();
    remote.mode = 'hang';
    const l1 = new MemoryCacheStore();
    const catalog = cache({ name: 'catalog', store: new TieredCacheStore(l1, store, { bus: new MemoryInvalidationBus() }) });
    const first = catalog.getOrSet('k', () => 'computed');
    await vi.advanceTimersByTimeAsync(300);
    expect(await first).toBe('computed');
    expect(await catalog.getOrSet('k', () => 'not called')).toBe('computed');
  });

  it.each<[unknown, object, string]>([
    [{}, {}, 'Invalid option failOpenCacheStore.inner: {}. Expected a CacheStore such as new MemoryCacheStore()'],
    [new MemoryCacheStore(), { commandTimeout: 0 }, "Invalid option failOpenCacheStore.commandTimeout: 0. Expected a finite duration, at least 1 ms: milliseconds as a number, or a string such as '250ms', '10s', '5m' or '1h'; or false when the store's client bounds every command itself."],
    [new MemoryCacheStore(), { commandTimeout: true }, 'Invalid option failOpenCacheStore.commandTimeout: true.'],
    [new MemoryCacheStore(), { breaker: 'fast' }, 'Invalid option failOpenCacheStore.breaker: "fast". Expected circuit breaker options, e.g. { consecutiveFailures: 5, openDuration: "5s" }.'],
    [new MemoryCacheStore(), { breaker: { openDuration: -1 } }, 'Invalid option circuitBreaker.openDuration: -1.'],
    [new MemoryCacheStore(), { timeout: 5 }, 'Unknown option failOpenCacheStore.timeout.'],
  ])('refuses inner %j with options %j', (inner, options, message) => {
    expect(() => new FailOpenCacheStore(inner as never, options as never)).toThrow(message);
  });
});
