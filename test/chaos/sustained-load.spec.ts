import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stopAllChaosProcesses, warmTypescript } from './support/chaos-process.js';
import { scenarioRandom, type ChaosRandom } from './support/chaos-random.js';
import { saveScenarioResult } from './support/chaos-results.js';
import { chaosDuration } from './support/chaos-settings.js';
import { driveLoad, type LoadStats } from './support/load-loop.js';
import { sleep } from './support/monotonic-time.js';
import { SAMPLE_SOURCES, SampleSystem } from './support/sample-system.js';

const LOAD_MS = chaosDuration(30_000, 300_000);
const WARM_UP_MS = 5_000;
const CALLERS = 12;
/** The heap after the load may exceed the heap before it by this fraction at most. */
const HEAP_TOLERANCE = 0.1;

/** A fault of the sample system: set, then healed before the next. */
interface SampleFault {
  readonly name: string;
  inject(system: SampleSystem): Promise<void> | void;
  heal(system: SampleSystem): Promise<void> | void;
}

const FAULTS: readonly SampleFault[] = [
  { name: 'inventory fails half its requests', inject: (s) => s.inventoryFaults({ errorRate: 0.5 }), heal: (s) => s.inventoryFaults(undefined) },
  { name: 'inventory outage (503)', inject: (s) => s.inventoryFaults({ outage: true }), heal: (s) => s.inventoryFaults(undefined) },
  { name: 'inventory answers after 1.5 s', inject: (s) => s.inventoryFaults({ latencyMs: 1_500 }), heal: (s) => s.inventoryFaults(undefined) },
  { name: 'link to the inventory cut', inject: (s) => s.proxy.cut(), heal: (s) => s.proxy.heal() },
  { name: 'link to the inventory slowed by 300 ms', inject: (s) => s.proxy.delay(300), heal: (s) => s.proxy.heal() },
  { name: 'connections to the inventory reset', inject: (s) => s.proxy.reset(), heal: () => undefined },
  { name: 'inventory process paused (SIGSTOP)', inject: (s) => s.inventory.pause(), heal: (s) => s.inventory.resume() },
  { name: 'inventory process killed and restarted', inject: (s) => s.inventory.kill(), heal: (s) => s.restartInventory() },
];

/** One request of the load mix; a failure is a network error, a 500, or a stock lookup that is not 200. */
async function request(system: SampleSystem, random: ChaosRandom): Promise<boolean> {
  const draw = random.next();
  const sku = `SKU-${random.int(1, 4)}`;
  const [path, init, ok] =
    draw < 0.7
      ? [`/stock/${sku}`, undefined, (status: number) => status === 200]
      : draw < 0.8
        ? ['/stock/NO-SUCH-SKU', undefined, (status: number) => status === 404 || status === 200]
        : draw < 0.95
          ? ['/orders', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sku, quantity: 1_000_000 }) }, (status: number) => status !== 500 && status !== 201]
          : ['/health', undefined, (status: number) => status === 200];
  const response = await fetch(`${system.ordersUrl}${path}`, { ...init, signal: AbortSignal.timeout(10_000) });
  await response.arrayBuffer();
  return ok(response.status);
}

describe('scenario 6: the sample system under sustained load while faults toggle', () => {
  const started = performance.now();
  const { seed, random } = scenarioRandom('sustained-load');
  const faults: Record<string, number> = {};
  const measurements: Record<string, string | number> = {};
  const violations: string[] = [];
  let load: LoadStats | undefined;
  let system: SampleSystem | undefined;

  beforeAll(() => warmTypescript(SAMPLE_SOURCES), 180_000);
  afterAll(async () => {
    await system?.stop();
    await stopAllChaosProcesses();
    await saveScenarioResult(
      { number: 6, id: 'sustained-load', title: 'Sustained load on the sample system', seed, faults, calls: load?.calls ?? 0, failedCalls: load?.failures ?? 0, violations, measurements },
      started,
    );
  });

  /** Drives the load for `ms` while faults toggle; returns what the callers saw. */
  async function loadWithFaults(running: SampleSystem, ms: number, label: string): Promise<LoadStats> {
    const until = performance.now() + ms;
    const loading = driveLoad({ callers: CALLERS, call: () => request(running, random), phase: () => label, done: () => performance.now() >= until, pauseMs: 10 });
    while (performance.now() < until - 2_000) {
      const fault = random.pick(FAULTS);
      faults[fault.name] = (faults[fault.name] ?? 0) + 1;
      await fault.inject(running);
      await sleep(random.int(800, 2_500));
      await fault.heal(running);
      await sleep(random.int(300, 1_200));
    }
    return loading;
  }

  it(`keeps the heap within ${HEAP_TOLERANCE * 100} % of its level before ${LOAD_MS / 1_000} s of load and faults, with no unhandled rejection`, async () => {
    system = await SampleSystem.start({ BULWARK__CIRCUIT_BREAKERS__INVENTORY__OPEN_DURATION: '1s' });
    // A warm-up with faults, so that what is built once (breakers, metrics, connection pools, JIT) exists before the baseline.
    await loadWithFaults(system, WARM_UP_MS, 'warm-up');
    await sleep(2_000);
    const before = await system.heap(system.orders);
    load = await loadWithFaults(system, LOAD_MS, 'load');
    // Let retries, timeouts and half-open probes settle before measuring again.
    await sleep(3_000);
    const after = await system.heap(system.orders);
    const inventory = await system.heap(system.inventory);
    const mb = (bytes: number): string => `${(bytes / 1_048_576).toFixed(1)} MB`;
    Object.assign(measurements, {
      'order-service heap before / after': `${mb(before.heapUsed)} / ${mb(after.heapUsed)}`,
      'heap change': `${(((after.heapUsed - before.heapUsed) / before.heapUsed) * 100).toFixed(1)} %`,
      'unhandled rejections (order / inventory)': `${after.unhandledRejections} / ${inventory.unhandledRejections}`,
      'requests per second': Math.round(load.calls / (LOAD_MS / 1_000)),
    });
    const stats = load.phases.get('load');
    if (after.heapUsed > before.heapUsed * (1 + HEAP_TOLERANCE)) violations.push(`heap grew from ${mb(before.heapUsed)} to ${mb(after.heapUsed)}`);
    if (after.unhandledRejections + inventory.unhandledRejections > 0) violations.push(`${after.unhandledRejections + inventory.unhandledRejections} unhandled rejections`);
    if (load.failures > 0) violations.push(`${load.failures} failed requests, e.g. ${stats?.firstFailure}`);
    expect(violations).toEqual([]);
    expect(system.orders.alive).toBe(true);
    expect(Object.keys(faults).length).toBeGreaterThan(3);
  }, LOAD_MS + WARM_UP_MS + 120_000);
});
