import { TimeoutError } from '@bulwark/core';
import { BULWARK_OPTIONS, type ResolvedBulwarkOptions } from '@bulwark/nestjs';
import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { inventoryConfig } from '../config/inventory.config.js';
import { InventoryRejectedError } from './inventory-rejected.error.js';
import { InventoryUnavailableError } from './inventory-unavailable.error.js';

/** Used only if the `inventory` timeout were removed from the Bulwark options. */
const FALLBACK_TIMEOUT_MS = 1_000;

/**
 * Talks JSON over HTTP to the inventory service with the global `fetch`. Each request is aborted
 * after the `inventory` timeout of the Bulwark options (`BULWARK__TIMEOUTS__INVENTORY`), the
 * limit `@Timeout('inventory')` also enforces, so a timed-out attempt does not keep its socket.
 * Failures become `TimeoutError` (no answer in time), `InventoryUnavailableError` (no answer, 5xx)
 * or `InventoryRejectedError` (4xx).
 */
@Injectable()
export class InventoryHttp {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;

  constructor(
    @Inject(inventoryConfig.KEY) config: ConfigType<typeof inventoryConfig>,
    @Inject(BULWARK_OPTIONS) bulwark: ResolvedBulwarkOptions,
  ) {
    this.baseUrl = config.url;
    this.timeoutMs = bulwark.timeouts.inventory ?? FALLBACK_TIMEOUT_MS;
  }

  /**
   * @param path e.g. `/stock/SKU-1`
   * @returns the inventory's JSON answer
   * @throws TimeoutError when it does not answer within the `inventory` timeout
   * @throws InventoryUnavailableError when it cannot be reached or answers 5xx
   * @throws InventoryRejectedError when it answers 4xx
   */
  get<T>(path: string): Promise<T> {
    return this.send<T>('GET', path);
  }

  /**
   * @param path e.g. `/reservations`
   * @param body sent as JSON
   * @returns the inventory's JSON answer
   * @throws TimeoutError when it does not answer within the `inventory` timeout
   * @throws InventoryUnavailableError when it cannot be reached or answers 5xx
   * @throws InventoryRejectedError when it answers 4xx
   */
  post<T>(path: string, body: unknown): Promise<T> {
    return this.send<T>('POST', path, body);
  }

  /**
   * @param path e.g. `/products/SKU-1/price`
   * @param body sent as JSON
   * @returns the inventory's JSON answer
   * @throws TimeoutError when it does not answer within the `inventory` timeout
   * @throws InventoryUnavailableError when it cannot be reached or answers 5xx
   * @throws InventoryRejectedError when it answers 4xx
   */
  put<T>(path: string, body: unknown): Promise<T> {
    return this.send<T>('PUT', path, body);
  }

  private async send<T>(method: string, path: string, body?: unknown): Promise<T> {
    const operation = `${method} ${path}`;
    let response: Response;
    let payload: Record<string, unknown>;
    try {
      response = await fetch(this.baseUrl + path, {
        method,
        headers: body === undefined ? undefined : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      payload = (await response.json()) as Record<string, unknown>;
    } catch (error) {
      // The same limit as @Timeout('inventory'), whichever timer fires first: report it the same way.
      if (error instanceof DOMException && error.name === 'TimeoutError') throw new TimeoutError(this.timeoutMs);
      throw new InventoryUnavailableError(operation, describe(error));
    }
    if (response.status >= 500) throw new InventoryUnavailableError(operation, String(payload.message ?? response.statusText), response.status);
    if (!response.ok) throw new InventoryRejectedError(response.status, payload);
    return payload as T;
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // fetch reports network errors as "fetch failed" with the reason in `cause`.
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `${error.message}${cause}`;
}
