import type { CachePolicy, Disposable } from '@bulwark/core';
import type { Counter } from 'prom-client';
import type { CacheBackend } from '../cache/cache-backend.js';
import type { ResolvedMetricsOptions } from './bulwark-metrics.options.js';
import { CACHE_EVICTIONS, CACHE_FACTORY_CALLS, CACHE_REQUESTS, CACHE_TIER_HITS } from './metric.specs.js';
import { scrapedCounter } from './prom.metrics.js';
import { releasedOnce } from './released-once.js';
import { Tallies } from './tallies.js';

interface CacheTally {
  hit: number;
  miss: number;
  stale: number;
  success: number;
  error: number;
}

/** The cache metrics: reads by result and factory calls per cache; tier hits and evictions of the backend. */
export class CacheMetrics {
  private readonly tallies = new Tallies<CacheTally>(() => ({ hit: 0, miss: 0, stale: 0, success: 0, error: 0 }));
  private readonly tierHits = { l1: 0, l2: 0 };
  private readonly evictions = { capacity: 0, expired: 0 };

  /** @param options the registry and prefix to register the metrics with */
  constructor(options: ResolvedMetricsOptions) {
    scrapedCounter(options, CACHE_REQUESTS, (counter) => this.collectRequests(counter));
    scrapedCounter(options, CACHE_FACTORY_CALLS, (counter) => this.collectFactoryCalls(counter));
    scrapedCounter(options, CACHE_TIER_HITS, (counter) => {
      for (const [tier, count] of Object.entries(this.tierHits)) counter.inc({ tier }, count);
    });
    scrapedCounter(options, CACHE_EVICTIONS, (counter) => {
      for (const [reason, count] of Object.entries(this.evictions)) counter.inc({ reason }, count);
    });
  }

  /**
   * Counts a cache's reads and factory calls from now on.
   *
   * @param name the cache's name, the `cache` label
   * @param cache the cache
   * @returns handles that stop counting
   */
  watchCache(name: string, cache: CachePolicy): Disposable[] {
    const tally = this.tallies.acquire(name);
    return [
      cache.onHit(() => void tally.hit++),
      cache.onMiss(() => void tally.miss++),
      cache.onStale(() => void tally.stale++),
      cache.onFactorySuccess(() => void tally.success++),
      cache.onFactoryError(() => void tally.error++),
      releasedOnce(() => this.tallies.release(name)),
    ];
  }

  /**
   * Counts the backend's tier hits (with Redis) and memory-tier evictions from now on.
   *
   * @param backend the application's cache backend
   * @returns handles that stop counting
   */
  watchBackend(backend: CacheBackend): Disposable[] {
    const handles = [backend.l1.onEviction(({ reason }) => void this.evictions[reason]++)];
    if (backend.tiered) handles.push(backend.tiered.onHit(({ tier }) => void this.tierHits[tier]++));
    return handles;
  }

  private collectRequests(counter: Counter<'cache' | 'result'>): void {
    this.tallies.forEach((tally, cache) => {
      counter.inc({ cache, result: 'hit' }, tally.hit);
      counter.inc({ cache, result: 'miss' }, tally.miss);
      counter.inc({ cache, result: 'stale' }, tally.stale);
    });
  }

  private collectFactoryCalls(counter: Counter<'cache' | 'outcome'>): void {
    this.tallies.forEach((tally, cache) => {
      counter.inc({ cache, outcome: 'success' }, tally.success);
      counter.inc({ cache, outcome: 'error' }, tally.error);
    });
  }
}
