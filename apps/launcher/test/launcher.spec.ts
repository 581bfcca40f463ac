import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { isAlive } from './process-alive.js';

const register = fileURLToPath(new URL('../../../test/support/ts-loader/ts-loader.mjs', import.meta.url));
const launcherMain = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const SERVICE_LINE = /^\s+(inventory-service|order-service)\s+(http:\/\/127\.0\.0\.1:\d+)\s+\(pid (\d+)\)$/gm;
/** Startup from source transpiles both apps: bounded, but not instant. */
const READY_TIMEOUT_MS = 20_000;

let launcher: ChildProcess | undefined;
const pids: number[] = [];

afterEach(() => {
  // Never leave processes behind, even when an assertion failed half-way.
  launcher?.kill('SIGKILL');
  for (const pid of pids.splice(0)) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  launcher = undefined;
});

/** Starts the real launcher from source, on free ports, and collects its output. */
function startLauncher(): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--conditions=source', '--import', register, launcherMain], {
    env: { ...process.env, INVENTORY_PORT: '0', ORDER_PORT: '0', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

/** Waits until the launcher printed both services' lines, or fails with its output. */
async function servicesPrinted(output: () => string, exited: Promise<number | null>): Promise<Map<string, { url: string; pid: number }>> {
  const deadline = performance.now() + READY_TIMEOUT_MS;
  let gone = false;
  void exited.then(() => (gone = true));
  while (performance.now() < deadline && !gone) {
    const services = new Map([...output().matchAll(SERVICE_LINE)].map(([, name, url, pid]) => [name, { url, pid: Number(pid) }]));
    if (services.size === 2) return services;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`The launcher did not print both services within ${READY_TIMEOUT_MS} ms. Its output:\n${output()}`);
}

describe('npm start: the launcher', () => {
  it('starts both services, prints their URLs, and stops both cleanly on SIGTERM', async () => {
    const { child, output, exited } = startLauncher();
    launcher = child;

    const services = await servicesPrinted(output, exited);
    pids.push(...[...services.values()].map((service) => service.pid));
    const inventory = services.get('inventory-service')!;
    const orders = services.get('order-service')!;

    expect(output()).toContain(`curl -s ${orders.url}/stock/SKU-1`);
    expect(output()).toContain(`curl -s -X POST ${inventory.url}/admin/faults`);
    expect((await fetch(`${inventory.url}/health`)).status).toBe(200);
    expect((await fetch(`${orders.url}/health`)).status).toBe(200);
    expect(await (await fetch(`${orders.url}/stock/SKU-1`)).json()).toEqual({ sku: 'SKU-1', level: 25, degraded: false });
    // The check below can see a live process: both are running now.
    expect(pids.map(isAlive)).toEqual([true, true]);

    child.kill('SIGTERM');

    expect(await exited).toBe(0);
    expect(output()).toContain('Both services stopped.');
    expect(pids.map(isAlive)).toEqual([false, false]);
  }, 30_000);
});
