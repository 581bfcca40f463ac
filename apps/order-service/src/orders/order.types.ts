import type { PriceQuote } from '../pricing/price-quote.js';

/** What a client orders. */
export interface OrderRequest {
  readonly sku: string;
  readonly quantity: number;
}

/** An order placed: its units are reserved in the inventory. */
export interface Order extends OrderRequest {
  readonly id: string;
  readonly status: 'confirmed';
  /** ISO 8601. */
  readonly createdAt: string;
  /** What it costs, at the price the catalogue gave when it was placed. */
  readonly quote: PriceQuote;
}
