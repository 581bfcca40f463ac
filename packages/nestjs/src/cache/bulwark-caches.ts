import { cache, type CachePolicy } from '@bulwark/core';
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { BULWARK_OPTIONS, type ResolvedBulwarkOptions } from '../options/bulwark-options.token.js';
import { PolicyRegistry } from '../registry/policy.registry.js';
import { createCacheBackend, type CacheBackend } from './cache-backend.js';

/**
 * This application's caches, by name: built on first use from the `cache` options, all sharing
 * one backend (memory, or memory in front of Redis). Inject it to read or invalidate a cache by
 * hand, e.g. `caches.get('catalog').invalidateTags(['sku:42'])`.
 */
@Injectable()
export class BulwarkCaches implements OnModuleDestroy {
  /** Where the entries live; `backend.tier` is the Redis tier when one is configured. */
  readonly backend: CacheBackend;
  private readonly caches = new Map<string, CachePolicy>();

  constructor(
    @Inject(BULWARK_OPTIONS) private readonly options: ResolvedBulwarkOptions,
    private readonly registry: PolicyRegistry,
  ) {
    this.backend = createCacheBackend(options.cache);
    registry.add({ kind: 'cacheBackend', name: options.cache.namespace, policy: this.backend });
    const breaker = this.backend.tier?.l2.breaker;
    // Registered as a breaker, the Redis tier shows on health, metrics and the log like any other.
    if (breaker) registry.add({ kind: 'circuitBreaker', name: breaker.name, policy: breaker, failsOpen: true });
  }

  /**
   * @param name a cache name: configured under `cache.caches`, or any other (it gets `cache.defaults`)
   * @returns the cache, shared by every method naming it
   * @throws InvalidOptionError for a name that is not 1 to 64 of `[A-Za-z0-9_.-]`
   */
  get(name: string): CachePolicy {
    let existing = this.caches.get(name);
    if (existing) return existing;
    const { defaults, caches, clock } = this.options.cache;
    existing = cache({ name, ...this.backend.cacheOptions, ...defaults, ...caches[name], clock });
    this.caches.set(name, existing);
    this.registry.add({ kind: 'cache', name, policy: existing });
    return existing;
  }

  /** @returns every cache built so far, with its name */
  list(): ReadonlyArray<{ readonly name: string; readonly cache: CachePolicy }> {
    return [...this.caches].map(([name, policy]) => ({ name, cache: policy }));
  }

  /** Stops listening to other instances and closes the Redis connection Bulwark opened. */
  onModuleDestroy(): void {
    for (const policy of this.caches.values()) policy.dispose();
    this.backend.close();
  }
}
