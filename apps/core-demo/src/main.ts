import { isBrokenCircuitError } from '@bulwark/core';
import { setTimeout as sleep } from 'node:timers/promises';
import { protectInventory, describe } from './inventory.policy.js';
import { FakeInventoryService } from './inventory.service.js';
import { Narrator, formatMs } from './narrator.js';

const say = new Narrator();
const inventory = new FakeInventoryService();
const { policy, breaker } = protectInventory(say);
let calls = 0;
/** When the open circuit said it would admit a probe, from the last refusal. */
let probeAfterMs = 1_000;

/** Makes one protected call and reports its outcome, duration and the circuit's state after it. */
async function stockCall(): Promise<void> {
  const label = `call ${String(++calls).padStart(2)}`;
  const started = performance.now();
  let outcome: string;
  try {
    const units = await policy.execute(() => inventory.stock('sku-42'));
    outcome = `ok       ${units} units in stock`;
  } catch (error) {
    if (isBrokenCircuitError(error)) {
      probeAfterMs = error.retryAfterMs;
      outcome = `refused  ${error.name}: the circuit is ${error.state}`;
    } else outcome = `failed   ${describe(error)}`;
  }
  const took = formatMs(performance.now() - started).padStart(9);
  say.call(`${label}  ${took}  ${breaker.state.padEnd(9)} ${outcome}`);
}

/** Waits until the open circuit admits a probe, saying so. */
async function waitForProbe(): Promise<void> {
  const waitMs = Math.ceil(probeAfterMs);
  say.call(`(waiting ${waitMs} ms, the rest of openDuration)`);
  await sleep(waitMs + 20);
}

async function main(): Promise<void> {
  say.plain('Bulwark core demo: a flaky inventory service behind retry and a circuit breaker');
  say.plain();
  say.plain('  wrap(');
  say.plain("    retry({ maxAttempts: 3, backoff: 'exponential', delay: '50ms', jitter: 'full' }),");
  say.plain("    circuitBreaker({ name: 'inventory', consecutiveFailures: 3, openDuration: '1s' }),");
  say.plain('  )');
  say.plain();
  say.plain(`${'ms'.padStart(8)}     ${'call'.padEnd(7)}  ${'took'.padStart(9)}  ${'circuit'.padEnd(9)} outcome`);

  say.phase('The inventory service is healthy: calls pass straight through');
  for (let i = 0; i < 3; i++) await stockCall();

  say.phase('The inventory service starts failing: retry tries 3 times, the breaker counts each failure');
  inventory.healthy = false;
  await stockCall();

  say.phase('The circuit is OPEN: calls fail fast, and the struggling service gets a rest');
  const before = inventory.calls;
  for (let i = 0; i < 3; i++) await stockCall();
  say.call(`(the service received ${inventory.calls - before} of these 3 calls)`);

  await waitForProbe();
  say.phase('openDuration is over, but the service is still down: the probe fails and the circuit re-opens');
  await stockCall();

  inventory.healthy = true;
  say.phase('The inventory service recovers');
  await waitForProbe();
  await stockCall();
  await stockCall();

  say.plain();
  say.plain(`${calls} calls made; the inventory service received ${inventory.calls} requests, retries included.`);
  say.plain('Options, events and errors of each policy: packages/core/README.md');
}

await main();
