/** A product of the catalogue: what it is called and what one unit costs. */
export interface Product {
  readonly sku: string;
  readonly name: string;
  /** The unit price, in cents of `currency`. */
  readonly priceCents: number;
  readonly currency: 'EUR';
  /** When the price last changed, ISO 8601. */
  readonly updatedAt: string;
}

/** The body of `PUT /products/:sku/price`. */
export interface PriceChange {
  readonly priceCents: number;
}
