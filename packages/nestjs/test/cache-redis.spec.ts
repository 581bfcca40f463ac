import { Injectable, type INestApplication } from '@nestjs/common';
import { useRedisServers } from '@bulwark/test/support';
import { afterEach, describe, expect, it } from 'vitest';
import { BulwarkCaches, BulwarkModule, CacheEvict, CachePut, Cacheable } from '../src/index.js';
import { closeApps, createApp } from './testing-app.js';

interface Product {
  sku: string;
  price: number;
  updatedAt: Date;
}

/** Shared "database" of both instances, so each app's cache is the only thing that can be stale. */
const database = new Map<string, Product>();

@Injectable()
class Catalog {
  loads = 0;

  @Cacheable({ name: 'catalog', ttl: '1h', tags: (sku: string) => [`sku:${sku}`] })
  async product(sku: string): Promise<Product | undefined> {
    this.loads++;
    return database.get(sku);
  }

  @CachePut({ name: 'catalog', ttl: '1h', key: (product: Product) => product.sku, tags: (product: Product) => [`sku:${product.sku}`] })
  async save(product: Product): Promise<Product> {
    database.set(product.sku, product);
    return product;
  }

  @CacheEvict({ name: 'catalog', key: (sku: string) => sku })
  async remove(sku: string): Promise<void> {
    database.delete(sku);
  }

  @CacheEvict({ name: 'catalog', tags: (sku: string) => [`sku:${sku}`] })
  async reprice(sku: string, price: number): Promise<void> {
    database.set(sku, { ...database.get(sku)!, price });
  }
}

/** Polls until `read` returns what `expected` accepts, failing after `withinMs`. */
async function eventually<T>(read: () => Promise<T>, expected: (value: T) => boolean, withinMs: number): Promise<number> {
  const started = performance.now();
  for (;;) {
    if (expected(await read())) return performance.now() - started;
    if (performance.now() - started > withinMs) throw new Error(`not within ${withinMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('caches shared through Redis by two application instances', () => {
  const servers = useRedisServers(1);
  afterEach(closeApps);

  async function instance(namespace: string): Promise<{ app: INestApplication; catalog: Catalog }> {
    const app = await createApp({ imports: [BulwarkModule.forRoot({ cache: { redis: servers[0].url, namespace } })], providers: [Catalog] });
    await app.get(BulwarkCaches).backend.tier!.ready();
    return { app, catalog: app.get(Catalog) };
  }

  it('serves one instance the value the other computed, and keeps Dates', async () => {
    const [a, b] = [await instance('shop1'), await instance('shop1')];
    database.set('A', { sku: 'A', price: 10, updatedAt: new Date('2026-12-04T10:00:00Z') });
    const fromA = await a.catalog.product('A');
    const fromB = await b.catalog.product('A');
    expect(fromB).toEqual(fromA);
    expect(fromB?.updatedAt).toBeInstanceOf(Date);
    expect(a.catalog.loads + b.catalog.loads).toBe(1);
  });

  it.each([
    ['@CachePut', (catalog: Catalog) => catalog.save({ sku: 'B', price: 20, updatedAt: new Date(0) }), 20],
    ['@CacheEvict by key', (catalog: Catalog) => catalog.remove('B'), undefined],
    ['@CacheEvict by tag', (catalog: Catalog) => catalog.reprice('B', 30), 30],
  ])('drops the other instance memory copy within 100 ms after %s', async (how, write, price) => {
    const namespace = `shop-${how.replace(/\W+/g, '-')}`;
    const [a, b] = [await instance(namespace), await instance(namespace)];
    database.set('B', { sku: 'B', price: 10, updatedAt: new Date(0) });
    await a.catalog.product('B');
    expect((await b.catalog.product('B'))?.price).toBe(10); // now in b's memory tier too
    await write(a.catalog);
    const elapsed = await eventually(() => b.catalog.product('B'), (product) => product?.price === price, 100);
    expect(elapsed).toBeLessThan(100);
  });

  it('keeps namespaces apart', async () => {
    const [a, b] = [await instance('tenant-a'), await instance('tenant-b')];
    database.set('C', { sku: 'C', price: 1, updatedAt: new Date(0) });
    await a.catalog.product('C');
    await b.catalog.product('C');
    expect([a.catalog.loads, b.catalog.loads]).toEqual([1, 1]);
  });
});
