/** A stock level as the inventory gave it, and as the `stock` cache keeps it. */
export interface StockReading {
  readonly sku: string;
  readonly level: number;
  /** When the inventory gave it: epoch milliseconds of the cache's wall clock. */
  readonly readAt: number;
}

/** A stock level the inventory gave within the `stock` cache's ttl. */
export interface FreshStock {
  readonly sku: string;
  readonly level: number;
  readonly degraded: false;
}

/** The answer while the inventory cannot be asked: the last level known, if any, and why. */
export interface DegradedStock {
  readonly sku: string;
  /** The last level the inventory gave for this SKU (kept by the `stock` cache), or `null` when none is known. */
  readonly level: number | null;
  readonly degraded: true;
  /** Why the inventory was not asked or did not answer. */
  readonly reason: string;
  /** When the last known level was read, ISO 8601; absent when none is known. */
  readonly asOf?: string;
}

/** A SKU's stock as the order service reports it. */
export type Stock = FreshStock | DegradedStock;

/** A reservation to ask the inventory for; `reservationId` makes retrying it safe. */
export interface ReservationRequest {
  readonly reservationId: string;
  readonly sku: string;
  readonly quantity: number;
}

/** A reservation the inventory made. */
export interface Reservation extends ReservationRequest {
  /** Units left after it. */
  readonly remaining: number;
}
