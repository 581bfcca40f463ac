import { describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../clock/manual.clock.js';
import { cache } from './cache.policy.js';
import { MemoryCacheStore } from './memory-cache.store.js';
import { DistributedSingleFlight, type DistributedSingleFlightOptions } from './single-flight.js';

/** Stands in for another instance holding the lock: waits for its value by re-reading, or computes. */
class ScriptedSingleFlight extends DistributedSingleFlight {
  readonly runs: Array<{ key: string; options: DistributedSingleFlightOptions }> = [];
  constructor(private readonly script: 'compute' | 'read' | 'fail-before' | 'fail-after') {
    super();
  }

  async run<T>(key: string, compute: () => Promise<T>, read: () => Promise<T | undefined>, options: DistributedSingleFlightOptions): Promise<T> {
    this.runs.push({ key, options });
    if (this.script === 'fail-before') throw new Error('lock service down');
    if (this.script === 'read') return (await read()) as T;
    const value = await compute();
    if (this.script === 'fail-after') throw new Error('unlock failed');
    return value;
  }
}

function setup(singleFlight: DistributedSingleFlight) {
  const clock = new ManualClock(1_000);
  const store = new MemoryCacheStore({ clock });
  const catalog = cache({ name: 'catalog', clock, store, singleFlight, maxWait: '2s', lockTtl: '3s', earlyRefresh: false });
  return { clock, store, catalog };
}

describe('cache with a distributed single flight', () => {
  it('computes through it, with maxWait and lockTtl in milliseconds', async () => {
    const flight = new ScriptedSingleFlight('compute');
    const { catalog } = setup(flight);
    expect(await catalog.getOrSet('k', () => 'computed')).toBe('computed');
    expect(flight.runs).toEqual([{ key: catalog.keyOf('k'), options: { maxWaitMs: 2_000, lockTtlMs: 3_000 } }]);
    expect(await catalog.get('k')).toBe('computed');
  });

  it('takes the value another instance stored instead of computing', async () => {
    const flight = new ScriptedSingleFlight('read');
    const { store, catalog } = setup(flight);
    const factory = vi.fn(() => 'mine');
    const key = catalog.keyOf('k');
    // This instance's first read misses; by the time the single flight re-reads, another instance has stored its value.
    const get = store.get.bind(store);
    let reads = 0;
    store.get = async (k) => (reads++ === 0 ? undefined : get(k));
    await store.set(key, { value: 'theirs', createdAt: 1_000, expiresAt: 2_000, staleUntil: 2_000 });
    expect(await catalog.getOrSet('k', factory)).toBe('theirs');
    expect(factory).not.toHaveBeenCalled();
  });

  it('computes locally when coordination fails before computing, and reports it', async () => {
    const { catalog } = setup(new ScriptedSingleFlight('fail-before'));
    const errors: string[] = [];
    catalog.onStoreError(({ operation, error }) => errors.push(`${operation}: ${(error as Error).message}`));
    expect(await catalog.getOrSet('k', () => 'local')).toBe('local');
    expect(errors).toEqual(['single-flight: lock service down']);
  });

  it('keeps the computed value when coordination fails after computing', async () => {
    const factory = vi.fn(() => 'computed');
    const { catalog } = setup(new ScriptedSingleFlight('fail-after'));
    expect(await catalog.getOrSet('k', factory)).toBe('computed');
    expect(factory).toHaveBeenCalledTimes(1);
  });

  it("rethrows the factory's error rather than computing twice", async () => {
    const factory = vi.fn(() => Promise.reject(new Error('db down')));
    const { catalog } = setup(new ScriptedSingleFlight('compute'));
    await expect(catalog.getOrSet('k', factory)).rejects.toThrow('db down');
    expect(factory).toHaveBeenCalledTimes(1);
  });
});
