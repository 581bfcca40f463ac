import { setTimeout as sleep } from 'node:timers/promises';

/**
 * A stand-in for a remote inventory service: answers after a few milliseconds, or fails like an
 * overloaded server when the demo marks it unhealthy.
 *
 * @example
 * const inventory = new FakeInventoryService();
 * inventory.healthy = false;
 * await inventory.stock('sku-42'); // rejects: inventory unavailable (HTTP 503)
 */
export class FakeInventoryService {
  /** Flipped by the demo to simulate an outage and a recovery. */
  healthy = true;
  /** Calls that reached the service, so the demo can show how many an open circuit spared it. */
  calls = 0;

  /**
   * @param latencyMs how long each answer takes
   * @default latencyMs 5
   */
  constructor(private readonly latencyMs = 5) {}

  /**
   * Looks up the stock of an article.
   *
   * @param sku the article
   * @returns units in stock
   * @throws {Error} "inventory unavailable (HTTP 503)" while unhealthy
   */
  async stock(sku: string): Promise<number> {
    this.calls++;
    await sleep(this.latencyMs);
    if (!this.healthy) throw new Error('inventory unavailable (HTTP 503)');
    return 10 + (sku.length * 7) % 13;
  }
}
