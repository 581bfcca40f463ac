import { CACHE_DEFAULTS, toMilliseconds, type CachePolicy, type Clock, type Disposable } from '@bulwark/core';
import { BULWARK_OPTIONS, BulwarkCaches, type ResolvedBulwarkOptions } from '@bulwark/nestjs';
import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { STOCK_CACHE } from '../config/bulwark.config.js';
import { InventoryRejectedError } from '../inventory/inventory-rejected.error.js';
import { degradedReason } from '../inventory/inventory.errors.js';
import { InventoryClient } from '../inventory/inventory.client.js';
import type { Reservation, Stock, StockReading } from '../inventory/stock.types.js';

/** Why stale levels were served, kept for this many SKUs at most. */
const MAX_REASONS = 1_000;

/**
 * Stock as the order service reports it. A level read within the `stock` cache's ttl is fresh;
 * an older one can only have been served because the inventory could not be asked (the cache
 * serves an expired level within its grace instead of the error), so it is reported `degraded`
 * with its age and the reason; with nothing cached, the answer is `level: null`, degraded.
 */
@Injectable()
export class StockService implements OnModuleDestroy {
  private readonly logger = new Logger(StockService.name);
  private readonly cache: CachePolicy;
  private readonly clock: Clock;
  private readonly ttlMs: number;
  /** The reason each stale level was last served for, by cache key. */
  private readonly staleReasons = new Map<string, string>();
  private readonly subscription: Disposable;

  constructor(
    private readonly inventory: InventoryClient,
    caches: BulwarkCaches,
    @Inject(BULWARK_OPTIONS) options: ResolvedBulwarkOptions,
  ) {
    this.cache = caches.get(STOCK_CACHE);
    this.clock = options.cache.clock;
    const { caches: named, defaults } = options.cache;
    this.ttlMs = toMilliseconds(named[STOCK_CACHE]?.ttl ?? defaults.ttl ?? CACHE_DEFAULTS.ttl) ?? 0;
    this.subscription = this.cache.onStale(({ key, reason, error }) => this.remember(key, reason === 'error' ? degradedReason(error) : 'the inventory was slow'));
  }

  /**
   * @param sku the SKU
   * @returns `{ sku, level, degraded: false }`; while the inventory cannot be asked
   *   `{ sku, level (last known, or null), degraded: true, reason, asOf? }`
   * @throws InventoryRejectedError when the inventory answers 4xx (an unknown SKU)
   */
  async stock(sku: string): Promise<Stock> {
    let reading: StockReading;
    try {
      reading = await this.inventory.stock(sku);
    } catch (error) {
      if (error instanceof InventoryRejectedError) throw error;
      return { sku, level: null, degraded: true, reason: degradedReason(error) };
    }
    if (this.clock.now() - reading.readAt < this.ttlMs) return { sku, level: reading.level, degraded: false };
    const reason = this.staleReasons.get(this.cache.keyOf([sku])) ?? 'the inventory could not be asked';
    return { sku, level: reading.level, degraded: true, reason, asOf: new Date(reading.readAt).toISOString() };
  }

  /**
   * Keeps the level a reservation left as the SKU's cached stock: the inventory just told it, and
   * it is what a lookup should serve, even stale, should the inventory go down now.
   *
   * @param reservation what the inventory answered
   * @returns once stored; a cache that cannot store is logged, never thrown
   */
  async reserved(reservation: Reservation): Promise<void> {
    const reading: StockReading = { sku: reservation.sku, level: reservation.remaining, readAt: this.clock.now() };
    await this.cache.set([reservation.sku], reading).catch((error: unknown) => {
      this.logger.warn(`Could not cache the stock of ${reservation.sku} after a reservation: ${degradedReason(error)}`);
    });
  }

  /** Stops listening to the cache. */
  onModuleDestroy(): void {
    this.subscription.dispose();
  }

  private remember(key: string, reason: string): void {
    this.staleReasons.delete(key);
    this.staleReasons.set(key, reason);
    // A Map iterates in insertion order: the first key is the one least recently served stale.
    if (this.staleReasons.size > MAX_REASONS) this.staleReasons.delete(this.staleReasons.keys().next().value!);
  }
}
