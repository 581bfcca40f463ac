import { CircuitBreaker, Retry, Timeout, type CircuitBreakerDecoratorOptions, type RetryPolicyOptions } from '@bulwark/nestjs';
import { Injectable } from '@nestjs/common';
import { InventoryRejectedError } from './inventory-rejected.error.js';
import { countsAgainstInventory, degradedReason, isTransientInventoryError } from './inventory.errors.js';
import { InventoryHttp } from './inventory.http.js';
import { LastKnownStockStore } from './last-known-stock.store.js';
import type { Reservation, ReservationRequest, Stock } from './stock.types.js';

// Functions cannot come from the environment, so they are given inline; the numbers come from the
// `inventory` entries of the Bulwark options (bulwark.config.ts, BULWARK__*). Both methods share the
// one `inventory` breaker, so they pass the very same options.
const RETRY: RetryPolicyOptions = { retryOn: isTransientInventoryError };
const BREAKER: CircuitBreakerDecoratorOptions = { isFailure: countsAgainstInventory };

/**
 * The order service's way to the inventory. Every call flows
 * `fallback ← @Retry → @CircuitBreaker → @Timeout → HTTP`: transient failures are retried with
 * exponential backoff, full jitter and a retry budget; every attempt is counted by the shared
 * `inventory` breaker; an open breaker refuses at once. Stock lookups then fall back to the last
 * known level; reservations have no fallback, so the caller sees the refusal (HTTP 503).
 */
@Injectable()
export class InventoryClient {
  constructor(
    private readonly http: InventoryHttp,
    private readonly lastKnown: LastKnownStockStore,
  ) {}

  /**
   * @param sku the SKU
   * @returns the inventory's level, or the last known one (`degraded: true`) when it cannot be asked
   * @throws InventoryRejectedError when the inventory answers 4xx (an unknown SKU)
   */
  // later: @Cacheable({ name: 'stock', ttl: '5s', tags: (sku: string) => [`sku:${sku}`] }) — a hit skips retry and breaker.
  @Retry('inventory', RETRY)
  @CircuitBreaker('inventory', { ...BREAKER, fallback: 'lastKnownStock' })
  @Timeout('inventory')
  async stock(sku: string): Promise<Stock> {
    const { level } = await this.http.get<{ level: number }>(`/stock/${encodeURIComponent(sku)}`);
    return this.lastKnown.remember(sku, level);
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
  // later: @CacheEvict({ name: 'stock', tags: (request: ReservationRequest) => [`sku:${request.sku}`] })
  @Retry('inventory', RETRY)
  @CircuitBreaker('inventory', BREAKER)
  @Timeout('inventory')
  async reserve(request: ReservationRequest): Promise<Reservation> {
    const reservation = await this.http.post<Reservation>('/reservations', request);
    this.lastKnown.remember(reservation.sku, reservation.remaining);
    return reservation;
  }

  /**
   * The fallback of `stock`: the last known level, or `level: null`, with the reason.
   *
   * @param sku the SKU asked for
   * @param error why the protected call gave up
   * @returns the degraded answer
   * @throws InventoryRejectedError unchanged: the inventory answered, so there is nothing to fall back from
   */
  lastKnownStock(sku: string, error: unknown): Stock {
    if (error instanceof InventoryRejectedError) throw error;
    return this.lastKnown.recall(sku, degradedReason(error));
  }
}
