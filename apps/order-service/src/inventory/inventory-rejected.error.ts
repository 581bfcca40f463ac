/**
 * The inventory answered with a client error (4xx): an unknown SKU, not enough stock, a bad
 * request. The inventory is fine, so this is neither retried nor counted by the circuit breaker,
 * and the order service passes the answer on.
 */
export class InventoryRejectedError extends Error {
  override readonly name = 'InventoryRejectedError';

  /**
   * @param status the inventory's HTTP status
   * @param body the inventory's JSON answer, passed on to the order service's client
   */
  constructor(
    readonly status: number,
    readonly body: Readonly<Record<string, unknown>>,
  ) {
    super(typeof body.message === 'string' ? body.message : `Inventory answered ${status}`);
  }
}
