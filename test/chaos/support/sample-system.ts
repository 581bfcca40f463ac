import { fileURLToPath } from 'node:url';
import type { HeapReport } from '../fixtures/heap-probe.js';
import { ChaosProcess } from './chaos-process.js';
import { ChaosProxy } from './tcp-proxy.js';

const APP = (name: string): string => fileURLToPath(new URL(`../../../apps/${name}/src/main.ts`, import.meta.url));
const HEAP_PROBE = fileURLToPath(new URL('../fixtures/heap-probe.ts', import.meta.url));
const LISTEN_TIMEOUT_MS = 60_000;

/** Sources the sample's processes run, to transpile once before they start. */
export const SAMPLE_SOURCES = ['packages/core/src', 'packages/redis/src', 'packages/nestjs/src', 'apps/inventory-service/src', 'apps/order-service/src', 'test/chaos/fixtures'];

type AppMessage = { readonly kind: 'listening'; readonly url: string } | HeapReport;

/**
 * The sample system as OS processes, run from source: the inventory service, a `ChaosProxy` in
 * front of it, and the order service calling the inventory through the proxy. Both run with a heap
 * probe preloaded and `--expose-gc`.
 */
export class SampleSystem {
  /** The inventory's process; replaced by `restartInventory()`. */
  inventory!: ChaosProcess<AppMessage>;
  orders!: ChaosProcess<AppMessage>;
  proxy!: ChaosProxy;
  inventoryUrl = '';
  ordersUrl = '';

  /**
   * Starts both services and waits until they listen.
   *
   * @param ordersEnv extra environment of the order service, e.g. `BULWARK__*` overrides
   * @returns the running system; `stop()` it
   */
  static async start(ordersEnv: NodeJS.ProcessEnv): Promise<SampleSystem> {
    const system = new SampleSystem();
    await system.startInventory();
    system.proxy = await ChaosProxy.start(Number(new URL(system.inventoryUrl).port));
    system.orders = start('order-service', { ORDER_PORT: '0', INVENTORY_URL: system.proxy.url, LOG_LEVEL: 'error', ...ordersEnv });
    system.ordersUrl = await listening(system.orders);
    return system;
  }

  /** Kills the inventory (SIGKILL) and starts a new one; the proxy points at its new port. */
  async restartInventory(): Promise<void> {
    await this.inventory.kill();
    await this.startInventory();
    this.proxy.retarget(Number(new URL(this.inventoryUrl).port));
  }

  /**
   * Sets or clears the inventory's injected faults (its `/admin/faults`, reached directly).
   *
   * @param faults e.g. `{ errorRate: 0.5 }`; `undefined` clears them
   */
  async inventoryFaults(faults: Record<string, unknown> | undefined): Promise<void> {
    const init = faults === undefined ? { method: 'DELETE' } : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(faults) };
    const response = await fetch(`${this.inventoryUrl}/admin/faults`, { ...init, signal: AbortSignal.timeout(5_000) });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`POST /admin/faults answered ${response.status}`);
  }

  /**
   * @param service which process
   * @returns its heap after full collections, and its count of unhandled rejections
   */
  heap(service: ChaosProcess<AppMessage>): Promise<HeapReport> {
    const report = service.next((message): message is HeapReport => message.kind === 'chaos:heap', 10_000);
    service.send({ kind: 'chaos:heap' });
    return report;
  }

  /** Stops both services and the proxy. */
  async stop(): Promise<void> {
    await Promise.all([this.orders?.stop(5_000), this.inventory?.stop(5_000)]);
    await this.proxy?.close();
  }

  private async startInventory(): Promise<void> {
    this.inventory = start('inventory-service', { INVENTORY_PORT: '0', LOG_LEVEL: 'error', RESTOCK_INTERVAL_MS: '0' });
    this.inventoryUrl = await listening(this.inventory);
  }
}

function start(name: string, env: NodeJS.ProcessEnv): ChaosProcess<AppMessage> {
  return ChaosProcess.start<AppMessage>({ name, script: APP(name), env, nodeFlags: ['--expose-gc'], preload: [HEAP_PROBE] });
}

async function listening(service: ChaosProcess<AppMessage>): Promise<string> {
  const message = await service.next((candidate): candidate is Extract<AppMessage, { kind: 'listening' }> => candidate.kind === 'listening', LISTEN_TIMEOUT_MS);
  return message.url;
}
