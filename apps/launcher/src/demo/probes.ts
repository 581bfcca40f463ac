import { request } from 'sample-kit';

/** The inventory's request counts (`GET /admin/stats`). */
export interface InventoryStats {
  readonly total: number;
  readonly byRoute: Readonly<Record<string, number>>;
}

/** A stock answer of the order service. */
export interface StockAnswer {
  readonly sku: string;
  readonly level: number | null;
  readonly degraded: boolean;
  readonly reason?: string;
  readonly asOf?: string;
}

/** What the demo reads from an order replica's `/health`. */
export interface OrdersHealth {
  readonly breaker: { readonly state: string; readonly retryAfterMs?: number };
  readonly cacheTier: string;
  /** The `order-service` election as this replica sees it. */
  readonly election: { readonly leader: boolean; readonly leaderId: string | null; readonly id: string };
}

/**
 * @param inventoryUrl the inventory
 * @returns the requests that reached it since the last reset
 */
export async function inventoryStats(inventoryUrl: string): Promise<InventoryStats> {
  return (await request<InventoryStats>(`${inventoryUrl}/admin/stats`)).body;
}

/**
 * Starts the inventory's request counts again from zero.
 *
 * @param inventoryUrl the inventory
 */
export async function resetInventoryStats(inventoryUrl: string): Promise<void> {
  await request(`${inventoryUrl}/admin/stats`, 'DELETE');
}

/**
 * Reads an order replica's `/health`: the `inventory` breaker, the cache tier and the election.
 *
 * @param ordersUrl the replica
 * @returns what the demo shows of it
 */
export async function ordersHealth(ordersUrl: string): Promise<OrdersHealth> {
  type Details = {
    circuitBreakers: { breakers: Record<string, OrdersHealth['breaker']> };
    cache: { tier: string };
    locks: { elections: Record<string, OrdersHealth['election']> };
  };
  const details = (await request<{ details: Details }>(`${ordersUrl}/health`)).body.details;
  return { breaker: details.circuitBreakers.breakers.inventory, cacheTier: details.cache.tier, election: details.locks.elections['order-service'] };
}

/**
 * @param cents an amount in cents
 * @returns e.g. `178.00 EUR`
 */
export function euros(cents: number): string {
  return `${(cents / 100).toFixed(2)} EUR`;
}
