import { Injectable } from '@nestjs/common';
import { ManualClock } from '@bulwark/core';
import { Observable, firstValueFrom, of } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { BulwarkCaches, BulwarkModule, CacheEvict, CachePut, Cacheable, CircuitBreaker, type BulwarkModuleOptions } from '../src/index.js';
import { closeApps, createApp } from './testing-app.js';

interface Product {
  sku: string;
  price: number;
}

@Injectable()
class Catalog {
  loads = 0;
  prices = new Map<string, number>([['A', 10]]);
  failing = false;

  @Cacheable({ name: 'catalog', tags: (sku: string) => [`sku:${sku}`], unless: (product: Product | null) => product === null })
  @CircuitBreaker({ consecutiveFailures: 1 })
  async product(sku: string): Promise<Product | null> {
    this.loads++;
    if (this.failing) throw new Error('database down');
    const price = this.prices.get(sku);
    return price === undefined ? null : { sku, price };
  }

  @Cacheable({ name: 'catalog', key: (sku: string) => `stream:${sku}` })
  product$(sku: string): Observable<Product> {
    this.loads++;
    return of({ sku, price: -1 }, { sku, price: this.prices.get(sku) ?? 0 });
  }

  @Cacheable({ name: 'catalog', condition: (sku: string) => sku !== 'LIVE' })
  async uncachedWhenLive(_sku: string): Promise<number> {
    this.loads++;
    return this.loads;
  }

  @Cacheable({ name: 'rates', tags: ['fx'] })
  rate(from: string, to: string): number {
    this.loads++;
    return from === to ? 1 : 1.08;
  }

  @CachePut({ name: 'catalog', key: (product: Product) => product.sku, tags: (product: Product) => [`sku:${product.sku}`] })
  async save(product: Product): Promise<Product> {
    this.prices.set(product.sku, product.price);
    return product;
  }

  @CacheEvict({ name: 'catalog', tags: (sku: string) => [`sku:${sku}`] })
  async reprice(sku: string, price: number): Promise<void> {
    this.prices.set(sku, price);
  }

  @CacheEvict({ name: 'catalog', allEntries: true })
  async reload(): Promise<void> {}
}

async function setup(options: BulwarkModuleOptions['cache'] = {}) {
  const clock = new ManualClock(1_000_000);
  const app = await createApp({
    imports: [BulwarkModule.forRoot({ clock, cache: { clock, ...options, caches: { catalog: { ttl: '1m', grace: '1h', earlyRefresh: false } } } })],
    providers: [Catalog],
  });
  return { clock, catalog: app.get(Catalog), caches: app.get(BulwarkCaches) };
}

describe('@Cacheable, @CachePut and @CacheEvict in memory (the embedded default)', () => {
  afterEach(closeApps);

  it('answers a hit without calling the method, and keys on every argument', async () => {
    const { catalog } = await setup();
    expect(await catalog.product('A')).toEqual({ sku: 'A', price: 10 });
    expect(await catalog.product('A')).toEqual({ sku: 'A', price: 10 });
    expect(catalog.loads).toBe(1);
  });

  it('lets 1,000 concurrent cold callers share one call of the method', async () => {
    const { catalog } = await setup();
    const answers = await Promise.all(Array.from({ length: 1_000 }, () => catalog.product('A')));
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(catalog.loads).toBe(1);
  });

  it('does not keep a result that unless() rejects, and skips the cache when condition() is false', async () => {
    const { catalog } = await setup();
    expect(await catalog.product('missing')).toBeNull();
    expect(await catalog.product('missing')).toBeNull();
    expect(catalog.loads).toBe(2);
    expect(await catalog.uncachedWhenLive('LIVE')).toBe(3);
    expect(await catalog.uncachedWhenLive('LIVE')).toBe(4);
  });

  it('caches an Observable method by its completed value, not each emission', async () => {
    const { catalog } = await setup();
    const first = await firstValueFrom(catalog.product$('A'));
    expect(first).toEqual({ sku: 'A', price: 10 });
    expect(await firstValueFrom(catalog.product$('A'))).toEqual({ sku: 'A', price: 10 });
    expect(catalog.loads).toBe(1);
  });

  it('drops entries by tag and by name, and @CachePut writes the new value', async () => {
    const { catalog, clock } = await setup();
    await catalog.product('A');
    await catalog.reprice('A', 12);
    expect(await catalog.product('A')).toEqual({ sku: 'A', price: 12 });
    // An entry written in the same millisecond as a tag invalidation counts as invalidated (it may hold old data).
    clock.advance(1);
    await catalog.save({ sku: 'A', price: 15 });
    expect(await catalog.product('A')).toEqual({ sku: 'A', price: 15 });
    expect(catalog.loads).toBe(2);
    await catalog.reload();
    await catalog.product('A');
    expect(catalog.loads).toBe(3);
  });

  it('serves the stale value within grace when the circuit is open, and the error after grace', async () => {
    const { catalog, clock } = await setup();
    await catalog.product('A');
    clock.advance(61_000);
    catalog.failing = true;
    expect(await catalog.product('A')).toEqual({ sku: 'A', price: 10 }); // the method failed: stale served
    expect(await catalog.product('A')).toEqual({ sku: 'A', price: 10 }); // the circuit is open: stale served
    clock.advance(3_600_000);
    // Past grace nothing is left to serve: the breaker's probe reaches the failing method.
    await expect(catalog.product('A')).rejects.toThrow('database down');
  });

  it('keeps a synchronous method synchronous, answering from memory', async () => {
    const { catalog, caches, clock } = await setup();
    expect(catalog.rate('EUR', 'USD')).toBe(1.08);
    expect(catalog.rate('EUR', 'USD')).toBe(1.08);
    expect(catalog.loads).toBe(1);
    await caches.get('rates').invalidateTags(['fx']);
    clock.advance(1);
    expect(catalog.rate('EUR', 'USD')).toBe(1.08);
    expect(catalog.loads).toBe(2);
  });

  it('lets a cache be read and invalidated by hand through BulwarkCaches', async () => {
    const { catalog, caches } = await setup();
    await catalog.product('A');
    expect(await caches.get('catalog').get(['A'])).toEqual({ sku: 'A', price: 10 });
    await caches.get('catalog').invalidateTags(['sku:A']);
    expect(await caches.get('catalog').get(['A'])).toBeUndefined();
  });
});
