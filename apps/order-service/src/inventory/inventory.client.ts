import { BULWARK_OPTIONS, Cacheable, CircuitBreaker, Retry, Timeout, type ResolvedBulwarkOptions } from '@bulwark/nestjs';
import type { Clock } from '@bulwark/core';
import { Inject, Injectable } from '@nestjs/common';
import { STOCK_CACHE } from '../config/bulwark.config.js';
import { InventoryHttp } from './inventory.http.js';
import { INVENTORY_BREAKER, INVENTORY_RETRY } from './inventory.policies.js';
import type { Reservation, ReservationRequest, StockReading } from './stock.types.js';

/**
 * The order service's way to the inventory's stock. Every call flows
 * `@Cacheable → @Retry → @CircuitBreaker → @Timeout → HTTP`: a fresh cached level answers at once;
 * otherwise transient failures are retried with exponential backoff, full jitter and a retry
 * budget, every attempt is counted by the shared `inventory` breaker, and an open breaker refuses
 * at once. When a stock lookup fails that way, the `stock` cache serves the level it holds if it
 * expired within its grace (the last known level); `StockService` says which answer is which.
 * Reservations are not cached and have no fallback: the caller sees the refusal (HTTP 503).
 */
@Injectable()
export class InventoryClient {
  private readonly clock: Clock;

  constructor(
    private readonly http: InventoryHttp,
    @Inject(BULWARK_OPTIONS) options: ResolvedBulwarkOptions,
  ) {
    // The cache's own wall clock, so a reading's age is measured the way the cache measures its ttl.
    this.clock = options.cache.clock;
  }

  /**
   * @param sku the SKU
   * @returns the inventory's level and when it was read; from the `stock` cache while fresh, or
   *   while within its grace when the inventory cannot be asked
   * @throws InventoryRejectedError when the inventory answers 4xx (an unknown SKU)
   * @throws BrokenCircuitError, InventoryUnavailableError or TimeoutError when the inventory cannot
   *   be asked and the cache holds nothing within grace
   */
  @Cacheable({ name: STOCK_CACHE })
  @Retry('inventory', INVENTORY_RETRY)
  @CircuitBreaker('inventory', INVENTORY_BREAKER)
  @Timeout('inventory')
  async stock(sku: string): Promise<StockReading> {
    const { level } = await this.http.get<{ level: number }>(`/stock/${encodeURIComponent(sku)}`);
    return { sku, level, readAt: this.clock.now() };
  }

  /**
   * Reserves units. Retrying is safe: the inventory answers a repeated `reservationId` with the
   * first reservation.
   *
   * @param request what to reserve
   * @returns the reservation
   * @throws BrokenCircuitError while the `inventory` circuit refuses calls
   * @throws InventoryUnavailableError or TimeoutError when every attempt failed
   * @throws InventoryRejectedError when the inventory answers 4xx (not enough stock)
   */
  @Retry('inventory', INVENTORY_RETRY)
  @CircuitBreaker('inventory', INVENTORY_BREAKER)
  @Timeout('inventory')
  async reserve(request: ReservationRequest): Promise<Reservation> {
    return this.http.post<Reservation>('/reservations', request);
  }
}
