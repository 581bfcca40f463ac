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
}
