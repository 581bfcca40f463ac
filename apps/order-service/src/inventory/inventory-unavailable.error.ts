/**
 * The inventory did not answer, or answered with a server error (5xx): a transient failure that
 * is retried and counts against the `inventory` circuit breaker.
 */
export class InventoryUnavailableError extends Error {
  override readonly name = 'InventoryUnavailableError';

  /**
   * @param operation the request, e.g. `GET /stock/SKU-1`
   * @param detail what went wrong: the network error or the inventory's status and message
   * @param status the inventory's HTTP status, when it answered
   */
  constructor(
    readonly operation: string,
    detail: string,
    readonly status?: number,
  ) {
    super(`Inventory ${status === undefined ? 'did not answer' : `answered ${status} to`} ${operation}: ${detail}`);
  }
}
