import { randomUUID } from 'node:crypto';
import { identifierField, integerField, readFields, required } from 'sample-kit';
import type { ReservationRequest } from './stock.types.js';

/** The most units one reservation may take. */
export const MAX_QUANTITY = 1_000;

/**
 * Validates the body of `POST /reservations`.
 *
 * @param body `{ sku, quantity, reservationId? }`; without a `reservationId` one is generated
 * @returns the reservation to make
 * @throws BadRequestException naming the field at fault
 * @example
 * parseReservationRequest({ sku: 'SKU-1', quantity: 2 }); // { reservationId: '5f0c…', sku: 'SKU-1', quantity: 2 }
 */
export function parseReservationRequest(body: unknown): ReservationRequest {
  const fields = readFields(body, ['sku', 'quantity', 'reservationId'], '{"sku":"SKU-1","quantity":2}');
  return {
    sku: required(identifierField(fields, 'sku'), 'sku'),
    quantity: required(integerField(fields, 'quantity', 1, MAX_QUANTITY), 'quantity'),
    reservationId: identifierField(fields, 'reservationId') ?? randomUUID(),
  };
}
