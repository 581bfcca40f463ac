/** What an order of some units of one product costs. All amounts are in cents of `currency`. */
export interface PriceQuote {
  readonly unitPriceCents: number;
  readonly quantity: number;
  /** `unitPriceCents × quantity`. */
  readonly subtotalCents: number;
  /** The volume discount, rounded to the cent. */
  readonly discountCents: number;
  /** Shipping; free from `FREE_SHIPPING_FROM_CENTS` after the discount. */
  readonly shippingCents: number;
  /** `subtotalCents - discountCents + shippingCents`. */
  readonly totalCents: number;
  readonly currency: 'EUR';
}

/** Volume discounts: the first tier whose `from` the quantity reaches applies. */
export const VOLUME_DISCOUNTS: ReadonlyArray<{ readonly from: number; readonly rate: number }> = [
  { from: 100, rate: 0.15 },
  { from: 50, rate: 0.1 },
  { from: 10, rate: 0.05 },
];

/** Shipping is free from this amount (after the discount). */
export const FREE_SHIPPING_FROM_CENTS = 10_000;

/** Shipping below `FREE_SHIPPING_FROM_CENTS`. */
export const SHIPPING_CENTS = 495;
