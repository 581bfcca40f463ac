import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { RunningService } from './banner.js';
import { waitForHealth } from './health.wait.js';
import { ServiceProcess } from './service.process.js';

/** How long a service may take to listen: generous, since a first run from source transpiles it. */
const LISTEN_TIMEOUT_MS = 60_000;
/** How long both services may take to answer 200 on `/health` once they listen. */
const HEALTH_TIMEOUT_MS = 15_000;

// Run from `dist/main.js` (npm start), the services run from their `dist`; run from `src/main.ts`
// (the launcher's test, through a TypeScript loader), they run from source the same way.
const FROM_SOURCE = import.meta.url.endsWith('.ts');

/**
 * The entry point of a sibling app.
 *
 * @param app the app's folder under `apps/`
 * @returns the absolute path of its `dist/main.js`, or `src/main.ts` when the launcher runs from source
 */
export function entryScript(app: string): string {
  return fileURLToPath(new URL(`../../${app}/${FROM_SOURCE ? 'src/main.ts' : 'dist/main.js'}`, import.meta.url));
}

/** Both services started as child processes: the inventory first, then the orders service pointing at it. */
export class SampleSystem {
  readonly inventory = new ServiceProcess('inventory-service', entryScript('inventory-service'));
  readonly orders = new ServiceProcess('order-service', entryScript('order-service'));
  private stopping = false;

  /** @param graceMs how long each service may take to close before it is killed */
  constructor(private readonly graceMs: number) {}

  /**
   * Starts the inventory, then the order service with `INVENTORY_URL` set to it, and waits until
   * both answer 200 on `/health`. Everything else in the launcher's environment is passed on.
   *
   * @returns both services with their URLs and process ids
   * @throws Error when a service fails to start, or when `stop()` was called meanwhile
   */
  async start(): Promise<{ inventory: RunningService; orders: RunningService }> {
    for (const service of [this.inventory, this.orders]) {
      if (!existsSync(entryScript(service.name))) throw new Error(`${entryScript(service.name)} does not exist; run \`npm run build\` first.`);
    }
    const inventoryUrl = await this.inventory.start(process.env, LISTEN_TIMEOUT_MS);
    this.assertRunning();
    const ordersUrl = await this.orders.start({ ...process.env, INVENTORY_URL: inventoryUrl }, LISTEN_TIMEOUT_MS);
    this.assertRunning();
    await Promise.all([waitForHealth(inventoryUrl, HEALTH_TIMEOUT_MS), waitForHealth(ordersUrl, HEALTH_TIMEOUT_MS)]);
    return {
      inventory: { name: this.inventory.name, url: inventoryUrl, pid: this.inventory.pid },
      orders: { name: this.orders.name, url: ordersUrl, pid: this.orders.pid },
    };
  }

  /** @returns the first service to exit, once it has */
  firstExit(): Promise<ServiceProcess> {
    const services = [this.inventory, this.orders].filter((service) => service.exited !== undefined);
    return Promise.race(services.map((service) => service.exited!.then(() => service)));
  }

  /** Stops the order service, then the inventory (each SIGTERM, then SIGKILL after the grace). */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.orders.stop(this.graceMs);
    await this.inventory.stop(this.graceMs);
  }

  /** Kills both services at once (SIGKILL), for a second Ctrl-C. */
  kill(): void {
    this.stopping = true;
    this.orders.kill();
    this.inventory.kill();
  }

  private assertRunning(): void {
    if (this.stopping) throw new Error('stopped while starting');
  }
}
