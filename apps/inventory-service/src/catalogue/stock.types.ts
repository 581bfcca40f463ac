/** How many units of a SKU are in stock. */
export interface StockLevel {
  readonly sku: string;
  readonly level: number;
}

/** A reservation to make: `reservationId` makes retries of the same request safe. */
export interface ReservationRequest {
  readonly reservationId: string;
  readonly sku: string;
  readonly quantity: number;
}

/** A reservation made: what was taken and what is left. */
export interface Reservation extends ReservationRequest {
  /** Units left after this reservation. */
  readonly remaining: number;
}
