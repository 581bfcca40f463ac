import { describe, expectTypeOf, it } from 'vitest';
import { clearMemo } from '../memoize/clear-memo.js';
import { Memoize } from '../memoize/memoize.decorator.js';
import type { CacheEntry } from './cache-entry.js';
import type { CacheFactoryContext } from './cache.options.js';
import { cache, type CachePolicy } from './cache.policy.js';
import { CacheStore } from './cache.store.js';
import { FailOpenCacheStore } from './fail-open-cache.store.js';
import { MemoryCacheStore } from './memory-cache.store.js';
import { MemoryInvalidationBus } from './memory-invalidation.bus.js';
import { TieredCacheStore } from './tiered-cache.store.js';

describe('cache types', () => {
  it('returns what the factory returns, awaited', () => {
    const catalog: CachePolicy = cache({ name: 'catalog' });
    expectTypeOf(catalog.getOrSet('k', () => 42)).toEqualTypeOf<Promise<number>>();
    expectTypeOf(catalog.getOrSet(['a', 1], async () => ({ sku: 'a' }))).toEqualTypeOf<Promise<{ sku: string }>>();
    expectTypeOf(catalog.get<string>('k')).toEqualTypeOf<Promise<string | undefined>>();
    void catalog.getOrSet('k', (context) => {
      expectTypeOf(context).toEqualTypeOf<CacheFactoryContext>();
      return context.key;
    });
  });

  it('types call tags from the value', () => {
    void cache({ name: 'c' }).getOrSet('k', () => ({ brand: 'acme' }), { tags: (value) => [value.brand] });
  });

  it('makes every store a CacheStore', () => {
    const memory = new MemoryCacheStore();
    const tiered = new TieredCacheStore(memory, new MemoryCacheStore(), { bus: new MemoryInvalidationBus() });
    expectTypeOf(tiered).toExtend<CacheStore>();
    expectTypeOf(new FailOpenCacheStore(tiered)).toExtend<CacheStore>();
    expectTypeOf(memory.get<number>('k')).toEqualTypeOf<Promise<CacheEntry<number> | undefined>>();
  });

  it('requires a name', () => {
    // @ts-expect-error name is required
    cache({});
  });
});

describe('memoize types', () => {
  it('decorates methods and getters, and names memoized members', () => {
    class Flights {
      @Memoize({ max: 10, key: (aircraft: string) => aircraft })
      fuelBurn(aircraft: string, distance: number): number {
        return aircraft.length * distance;
      }
      @Memoize()
      get table(): number[] {
        return [];
      }
    }
    const flights = new Flights();
    clearMemo(flights, 'fuelBurn');
    clearMemo(flights);
    expectTypeOf(flights.fuelBurn('A320', 1)).toEqualTypeOf<number>();
  });
});
