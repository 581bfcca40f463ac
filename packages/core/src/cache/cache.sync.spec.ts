import { describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../clock/manual.clock.js';
import { cache } from './cache.policy.js';
import type { CacheStore } from './cache.store.js';
import { MemoryCacheStore } from './memory-cache.store.js';
import { MemoryInvalidationBus } from './memory-invalidation.bus.js';
import { TieredCacheStore } from './tiered-cache.store.js';

function setup() {
  const clock = new ManualClock(1_000_000);
  const store = new MemoryCacheStore({ clock });
  const rates = cache({ name: 'rates', ttl: 1_000, grace: 10_000, earlyRefresh: false, clock, store });
  return { clock, store, rates };
}

describe('cache: getOrSetSync', () => {
  it('answers synchronously from memory, computing once per fresh period', () => {
    const { clock, rates } = setup();
    const factory = vi.fn(() => 1.08);
    expect(rates.getOrSetSync(['EUR', 'USD'], factory)).toBe(1.08);
    expect(rates.getOrSetSync(['EUR', 'USD'], factory)).toBe(1.08);
    clock.advance(1_000);
    rates.getOrSetSync(['EUR', 'USD'], factory);
    expect(factory).toHaveBeenCalledTimes(2);
  });

  it('serves the stale value within grace when the factory throws, and throws after grace', () => {
    const { clock, rates } = setup();
    rates.getOrSetSync('k', () => 'old');
    clock.advance(5_000);
    const failing = (): string => {
      throw new Error('source down');
    };
    expect(rates.getOrSetSync('k', failing)).toBe('old');
    clock.advance(10_000);
    expect(() => rates.getOrSetSync('k', failing)).toThrow('source down');
  });

  it('sees tag invalidations and what getOrSet stored, and is seen by get', async () => {
    const { rates, clock } = setup();
    await rates.getOrSet('k', () => 'async', { tags: ['fx'] });
    expect(rates.getOrSetSync('k', () => 'sync')).toBe('async');
    await rates.invalidateTags(['fx']);
    clock.advance(1);
    expect(rates.getOrSetSync('k', () => 'sync', { tags: ['fx'] })).toBe('sync');
    expect(await rates.get('k')).toBe('sync');
  });

  it('reads the memory tier of a tiered store', () => {
    const clock = new ManualClock(1_000_000);
    const l2 = new MemoryCacheStore({ clock });
    const store = new TieredCacheStore(new MemoryCacheStore({ clock }), l2, { bus: new MemoryInvalidationBus(), clock });
    const rates = cache({ name: 'rates', store, clock, earlyRefresh: false });
    const factory = vi.fn(() => 2);
    rates.getOrSetSync('k', factory);
    expect(rates.getOrSetSync('k', factory)).toBe(2);
    expect(factory).toHaveBeenCalledTimes(1);
  });

  it('refuses a store that cannot be read synchronously, saying which stores can', () => {
    const remote = { get: async () => undefined, set: async () => {}, delete: async () => {}, deleteByPrefix: async () => {}, invalidateTag: async () => {}, tagInvalidatedAt: async () => 0 } as unknown as CacheStore;
    const rates = cache({ name: 'rates', store: remote });
    expect(() => rates.getOrSetSync('k', () => 1)).toThrow('Cache "rates" cannot answer synchronously: its store (Object) has no peek().');
  });
});
