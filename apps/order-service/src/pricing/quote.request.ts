import { badRequest } from 'sample-kit';
import { MAX_QUANTITY } from '../orders/order.request.js';

/**
 * Validates the `quantity` query parameter of `GET /products/:sku/quote`.
 *
 * @param raw the parameter as received; absent means 1
 * @returns the quantity
 * @throws BadRequestException (400) naming `quantity` when it is not an integer from 1 to 1000
 * @example
 * parseQuoteQuantity('12'); // 12
 */
export function parseQuoteQuantity(raw: string | undefined): number {
  if (raw === undefined) return 1;
  const quantity = Number(raw);
  if (!/^\d+$/.test(raw) || quantity < 1 || quantity > MAX_QUANTITY) {
    throw badRequest(`quantity must be an integer from 1 to ${MAX_QUANTITY}; got "${raw}".`, 'quantity');
  }
  return quantity;
}
