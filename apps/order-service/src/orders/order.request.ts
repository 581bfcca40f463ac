import { identifierField, integerField, readFields, required } from 'sample-kit';
import type { OrderRequest } from './order.types.js';

/** The most units one order may ask for. */
export const MAX_QUANTITY = 1_000;

/**
 * Validates the body of `POST /orders`.
 *
 * @param body `{ sku, quantity }`
 * @returns the order request
 * @throws BadRequestException (400) naming the field at fault
 * @example
 * parseOrderRequest({ sku: 'SKU-1', quantity: 2 }); // { sku: 'SKU-1', quantity: 2 }
 */
export function parseOrderRequest(body: unknown): OrderRequest {
  const fields = readFields(body, ['sku', 'quantity'], '{"sku":"SKU-1","quantity":2}');
  return {
    sku: required(identifierField(fields, 'sku'), 'sku'),
    quantity: required(integerField(fields, 'quantity', 1, MAX_QUANTITY), 'quantity'),
  };
}
