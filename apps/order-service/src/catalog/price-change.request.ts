import { integerField, readFields, required } from 'sample-kit';
import type { PriceChange } from './product.types.js';

/** The highest unit price accepted: 100 000.00. */
export const MAX_PRICE_CENTS = 10_000_000;

/**
 * Validates the body of `PUT /products/:sku/price`.
 *
 * @param body `{ priceCents }`
 * @returns the price change
 * @throws BadRequestException (400) naming the field at fault
 * @example
 * parsePriceChange({ priceCents: 1299 }); // { priceCents: 1299 }
 */
export function parsePriceChange(body: unknown): PriceChange {
  const fields = readFields(body, ['priceCents'], '{"priceCents":1299}');
  return { priceCents: required(integerField(fields, 'priceCents', 1, MAX_PRICE_CENTS), 'priceCents') };
}
