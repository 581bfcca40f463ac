import { isBrokenCircuitError, isTimeoutError } from '@bulwark/core';
import { HttpException, ServiceUnavailableException } from '@nestjs/common';
import { InventoryRejectedError } from './inventory-rejected.error.js';
import { InventoryUnavailableError } from './inventory-unavailable.error.js';

/**
 * Tells whether a failed inventory call is worth retrying: the inventory did not answer in time
 * or answered 5xx. Bulwark's `@Retry` uses it as `retryOn`.
 *
 * @param error what the call threw
 * @returns true for a transient failure
 * @example
 * isTransientInventoryError(new InventoryUnavailableError('GET /stock/SKU-1', 'HTTP 503', 503)); // true
 */
export function isTransientInventoryError(error: unknown): boolean {
  return error instanceof InventoryUnavailableError || isTimeoutError(error);
}

/**
 * Tells whether a failed inventory call says something about the inventory's health. A 4xx
 * answer does not: the inventory is fine. Bulwark's `@CircuitBreaker` uses it as `isFailure`.
 *
 * @param error what the call threw
 * @returns false for an `InventoryRejectedError`, true otherwise
 * @example
 * countsAgainstInventory(new InventoryRejectedError(404, { message: 'Unknown SKU' })); // false
 */
export function countsAgainstInventory(error: unknown): boolean {
  return !(error instanceof InventoryRejectedError);
}

/**
 * Says briefly why the inventory could not give an answer, for a degraded stock answer.
 *
 * @param error what the protected call ended with
 * @returns a one-line reason
 * @example
 * degradedReason(BrokenCircuitError.fastFail('inventory', 'OPEN', 800)); // 'circuit "inventory" is OPEN'
 */
export function degradedReason(error: unknown): string {
  if (isBrokenCircuitError(error)) return `circuit "${error.circuitName}" is ${error.state}`;
  if (isTimeoutError(error)) return `inventory did not answer within ${error.timeoutMs} ms`;
  return error instanceof Error ? error.message : String(error);
}

/**
 * Turns an inventory error into the HTTP answer of the order service: the inventory's own 4xx
 * answer, or 503 when it is unavailable. Bulwark's errors (an open circuit, a timeout) are left
 * to `BulwarkHttpExceptionFilter`.
 *
 * @param error what an inventory call threw
 * @returns the exception to throw
 * @example
 * inventory.stock(sku).catch((error: unknown) => { throw toHttpException(error); });
 */
export function toHttpException(error: unknown): unknown {
  if (error instanceof InventoryRejectedError) return new HttpException(error.body, error.status);
  if (error instanceof InventoryUnavailableError) return new ServiceUnavailableException(error.message);
  return error;
}
