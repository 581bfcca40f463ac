import { Injectable } from '@nestjs/common';
import type { DegradedStock, FreshStock } from './stock.types.js';

/**
 * The last stock level the inventory gave for each SKU, served by the circuit breaker's fallback
 * while the inventory cannot be asked. An old answer is better than no answer.
 */
// later: @Cacheable — once InventoryClient.stock is cached, the cache's stale entries replace this map.
@Injectable()
export class LastKnownStockStore {
  private readonly levels = new Map<string, { readonly level: number; readonly at: Date }>();

  /**
   * @param sku the SKU
   * @param level the level the inventory just gave
   * @returns the fresh stock answer
   */
  remember(sku: string, level: number): FreshStock {
    this.levels.set(sku, { level, at: new Date() });
    return { sku, level, degraded: false };
  }

  /**
   * @param sku the SKU
   * @param reason why the inventory was not asked or did not answer
   * @returns the last known level with its age, or `level: null` when none is known
   */
  recall(sku: string, reason: string): DegradedStock {
    const known = this.levels.get(sku);
    if (known === undefined) return { sku, level: null, degraded: true, reason };
    return { sku, level: known.level, degraded: true, reason, asOf: known.at.toISOString() };
  }
}
