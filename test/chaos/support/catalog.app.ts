import { setImmediate as nextTick } from 'node:timers/promises';
import { CircuitState } from '@bulwark/core';
import { BulwarkCaches, BulwarkModule, CacheEvict, Cacheable } from '@bulwark/nestjs';
import type { RedisCacheTier } from '@bulwark/redis';
import { Injectable, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';

/** A product as the origin knows it: its version grows with every update. */
export interface Product {
  readonly sku: string;
  readonly version: number;
}

/**
 * The "database" behind every catalog instance of a test process: one truth, so only the caches
 * can be stale. `calls` counts how often the origin ran.
 */
export class CatalogOrigin {
  calls = 0;
  private readonly versions = new Map<string, number>();

  /** @returns the product as it is now */
  read(sku: string): Product {
    this.calls++;
    return { sku, version: this.versions.get(sku) ?? 1 };
  }

  /** Makes a new version of the product. */
  update(sku: string): void {
    this.versions.set(sku, (this.versions.get(sku) ?? 1) + 1);
  }
}

/** The single origin of this test process, read by every `CatalogService` instance. */
export const catalogOrigin = new CatalogOrigin();

/** Lifetime of a cached product under load: short, so Redis keeps being read and written. */
export const CATALOG_TTL_MS = 1_000;

/** Lifetime of a cached product detail: the bound on staleness after an eviction lost to an outage. */
export const DETAIL_TTL_MS = 3_000;

/** The cached service of the cache scenario: `@Cacheable` reads, `@CacheEvict` on update. */
@Injectable()
export class CatalogService {
  @Cacheable({ name: 'catalog', ttl: CATALOG_TTL_MS, tags: (sku: string) => [`sku:${sku}`] })
  async product(sku: string): Promise<Product> {
    // A real origin answers asynchronously.
    await nextTick();
    return catalogOrigin.read(sku);
  }

  @Cacheable({ name: 'details', ttl: DETAIL_TTL_MS })
  async detail(sku: string): Promise<Product> {
    await nextTick();
    return catalogOrigin.read(sku);
  }

  @CacheEvict({ name: 'details', key: (sku: string) => sku })
  async update(sku: string): Promise<void> {
    catalogOrigin.update(sku);
  }
}

/** One application instance of the cache scenario, in this process, sharing Redis with the others. */
export interface CatalogInstance {
  readonly app: INestApplication;
  readonly catalog: CatalogService;
  readonly tier: RedisCacheTier;
  /** Whether the tier's breaker around Redis is closed (Redis answers). */
  redisHealthy(): boolean;
}

/**
 * Starts a Nest application with `BulwarkModule` caching in Redis at `port` (typically a
 * `ChaosProxy`), and waits until it hears other instances.
 *
 * @param port the Redis (or proxy) port
 * @param namespace the cache namespace, shared by the instances of one test
 * @returns the instance; close `app` after the test
 */
export async function startCatalogInstance(port: number, namespace: string): Promise<CatalogInstance> {
  const moduleRef = await Test.createTestingModule({
    imports: [BulwarkModule.forRoot({ logging: false, cache: { redis: { host: '127.0.0.1', port }, namespace, commandTimeout: '100ms' } })],
    providers: [CatalogService],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.init();
  const tier = app.get(BulwarkCaches).backend.tier!;
  await tier.ready();
  return { app, catalog: app.get(CatalogService), tier, redisHealthy: () => tier.l2.state === CircuitState.Closed };
}
