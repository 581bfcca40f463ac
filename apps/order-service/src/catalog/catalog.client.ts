import { CacheEvict, Cacheable, CircuitBreaker, Retry, Timeout } from '@bulwark/nestjs';
import { Injectable } from '@nestjs/common';
import { CATALOG_CACHE } from '../config/bulwark.config.js';
import { InventoryHttp } from '../inventory/inventory.http.js';
import { INVENTORY_BREAKER, INVENTORY_RETRY } from '../inventory/inventory.policies.js';
import type { Product } from './product.types.js';

/**
 * The tag of a product's cached entries.
 *
 * @param sku the SKU
 * @returns `product:<sku>`
 * @example
 * productTag('SKU-1'); // 'product:SKU-1'
 */
export function productTag(sku: string): string {
  return `product:${sku}`;
}

const productTags = (sku: string): string[] => [productTag(sku)];

/**
 * The product catalogue, which the inventory owns, read through the `catalog` cache: a read is
 * answered from this replica's memory, then from Redis (with `REDIS_URL`), then from the
 * inventory, behind the same retry, breaker and timeout as the stock. A price change goes to the
 * inventory and then evicts the product's entries by tag, on every replica sharing the Redis.
 */
@Injectable()
export class CatalogClient {
  constructor(private readonly http: InventoryHttp) {}

  /**
   * @param sku the SKU
   * @returns the product, from the cache while fresh (or within grace when the inventory cannot be asked)
   * @throws InventoryRejectedError when the inventory answers 4xx (an unknown SKU)
   * @throws BrokenCircuitError, InventoryUnavailableError or TimeoutError when it cannot be asked
   */
  @Cacheable({ name: CATALOG_CACHE, tags: productTags })
  @Retry('inventory', INVENTORY_RETRY)
  @CircuitBreaker('inventory', INVENTORY_BREAKER)
  @Timeout('inventory')
  async product(sku: string): Promise<Product> {
    return this.http.get<Product>(`/products/${encodeURIComponent(sku)}`);
  }

  /**
   * Changes a price in the inventory, then evicts the product from every replica's cache. Setting
   * a price twice is harmless, so the call is retried like a read.
   *
   * @param sku the SKU
   * @param priceCents the new unit price, in cents
   * @returns the product with its new price
   * @throws InventoryRejectedError when the inventory answers 4xx (an unknown SKU, a bad price)
   * @throws BrokenCircuitError, InventoryUnavailableError or TimeoutError when it cannot be asked;
   *   nothing is evicted then
   */
  @CacheEvict({ name: CATALOG_CACHE, tags: productTags })
  @Retry('inventory', INVENTORY_RETRY)
  @CircuitBreaker('inventory', INVENTORY_BREAKER)
  @Timeout('inventory')
  async setPrice(sku: string, priceCents: number): Promise<Product> {
    return this.http.put<Product>(`/products/${encodeURIComponent(sku)}/price`, { priceCents });
  }
}
