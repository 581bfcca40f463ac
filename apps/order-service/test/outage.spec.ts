import { toMilliseconds } from '@bulwark/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { request, type Reply } from 'sample-kit';
import { startInventory, stopInventories, type RunningInventory } from '../../inventory-service/test/support/inventory.app.js';
import { SAMPLE_POLICIES } from '../src/config/bulwark.config.js';
import { startOrders, stopOrderServices, type RunningOrders } from './support/order.app.js';

const { consecutiveFailures, openDuration } = SAMPLE_POLICIES.circuitBreakers.inventory;
const { maxAttempts, budget } = SAMPLE_POLICIES.retries.inventory;
const ms = (duration: string): number => toMilliseconds(duration) ?? Number.NaN;
const OPEN_MS = ms(openDuration);
const STOCK_TTL_MS = ms(SAMPLE_POLICIES.cache.caches.stock.ttl);
/** Concurrent orders in a burst. */
const N = 20;

let inventory: RunningInventory;
let orders: RunningOrders;

beforeEach(async () => {
  inventory = await startInventory();
});
afterEach(async () => {
  await stopOrderServices();
  await stopInventories();
});

const stock = (sku = 'SKU-1') => request(`${orders.url}/stock/${sku}`);
const product = (sku = 'SKU-1') => request(`${orders.url}/products/${sku}`);
const order = () => request(`${orders.url}/orders`, 'POST', { sku: 'SKU-1', quantity: 1 });
const burst = (): Promise<Reply[]> => Promise.all(Array.from({ length: N }, order));
const breakerHealth = async () => ((await request(`${orders.url}/health`)).body.details as Record<string, unknown>).circuitBreakers;

/**
 * Caches SKU-1's level and product, breaks the inventory, and counts from zero. Unless told to keep
 * it fresh, the cached level then expires (it stays within its grace): lookups must ask the inventory.
 */
async function outage({ stockFresh = false } = {}): Promise<void> {
  expect((await stock()).body).toEqual({ sku: 'SKU-1', level: 25, degraded: false });
  expect((await product()).status).toBe(200);
  await inventory.inject({ outage: true });
  if (!stockFresh) orders.cacheClock.advance(STOCK_TTL_MS);
  await inventory.resetStats();
}

/** Opens the circuit with stock lookups: each retries until `consecutiveFailures` failures are in. */
async function openCircuit(): Promise<void> {
  while (orders.breakers.state('inventory') !== 'OPEN') await stock();
}

describe('the order service when the inventory fails', () => {
  beforeEach(async () => {
    orders = await startOrders(inventory.url, {}, { manualCacheClock: true });
  });

  it('answers from the stock cache while the level is fresh: the outage is not even noticed', async () => {
    await outage({ stockFresh: true });

    const { body } = await stock();

    expect(body).toEqual({ sku: 'SKU-1', level: 25, degraded: false });
    expect((await inventory.stats()).total).toBe(0);
  });

  it('serves the cached level once it expired, stale within its grace, opens the circuit, and says why', async () => {
    await outage();

    const first = await stock();
    await openCircuit();
    const refused = await stock();

    expect(first.body).toEqual({ sku: 'SKU-1', level: 25, degraded: true, reason: expect.stringContaining('Inventory answered 503 to GET /stock/SKU-1'), asOf: expect.any(String) });
    expect(refused.status).toBe(200);
    expect(refused.body).toEqual({ sku: 'SKU-1', level: 25, degraded: true, reason: 'circuit "inventory" is OPEN', asOf: first.body.asOf });
    expect((await inventory.stats()).total).toBe(consecutiveFailures);
  });

  it('answers level null, degraded, for a SKU it never saw while the circuit is open', async () => {
    await outage();
    await openCircuit();

    const { status, body } = await stock('SKU-3');

    expect(status).toBe(200);
    expect(body).toEqual({ sku: 'SKU-3', level: null, degraded: true, reason: 'circuit "inventory" is OPEN' });
  });

  it('refuses orders at once with 503 and Retry-After while the circuit is open', async () => {
    await outage();
    await openCircuit();
    const before = (await inventory.stats()).total;

    const { status, headers, body } = await order();

    expect(status).toBe(503);
    expect(headers.get('retry-after')).toBe(String(OPEN_MS / 1_000));
    expect(body).toMatchObject({ statusCode: 503, error: 'Service Unavailable', circuit: 'inventory' });
    expect((await inventory.stats()).total).toBe(before);
  });

  it(`spares the inventory: ${N} concurrent orders in an outage reach it at most N + consecutiveFailures - 1 times`, async () => {
    await outage({ stockFresh: true });

    const answers = await burst();

    // Stock and product come from the cache, so each order calls only to reserve. Every call
    // admitted while the circuit is CLOSED reaches the inventory and fails. Each order's first call
    // needs nothing; every later call (a retry) follows one recorded failure of that order, and the
    // circuit opens on failure number `consecutiveFailures`, after which nothing is admitted:
    // N + (consecutiveFailures - 1).
    const reached = (await inventory.stats()).total;
    expect(answers.map((answer) => answer.status)).toEqual(Array(N).fill(503));
    expect(reached).toBeLessThanOrEqual(N + consecutiveFailures - 1);
    expect(orders.breakers.state('inventory')).toBe('OPEN');

    await burst();
    expect((await inventory.stats()).total).toBe(reached);
  });

  it('would let a retry storm through without the breaker, and the retry budget still caps it', async () => {
    await outage({ stockFresh: true });
    orders.breakers.get('inventory').disable();

    await burst();

    // Proves the bound above can fail: N reservation calls, then retries. The budget (ratio x calls
    // + minRetriesPerSecond x window seconds, the two seeding reads included) caps the retries far
    // below the N x (maxAttempts - 1) asked for.
    const reached = (await inventory.stats()).total;
    const calls = N + 2;
    const retries = Math.floor(budget.ratio * calls + budget.minRetriesPerSecond * (ms(budget.window) / 1_000));
    expect(reached).toBeGreaterThan(N + consecutiveFailures - 1);
    expect(reached).toBeLessThanOrEqual(N + retries);
    expect(reached).toBeLessThan(N * maxAttempts);
  });

  it('recovers through HALF_OPEN once the open duration is over, and /health shows OPEN, then CLOSED', async () => {
    const transitions: string[] = [];
    orders.breakers.get('inventory').onStateChange(({ from, to }) => transitions.push(`${from} -> ${to}`));
    await outage();
    await openCircuit();

    expect(await breakerHealth()).toEqual({ status: 'up', breakers: { inventory: { state: 'OPEN', retryAfterMs: OPEN_MS } }, degraded: ['inventory'] });
    await inventory.mend();
    expect((await stock()).body).toMatchObject({ degraded: true, reason: 'circuit "inventory" is OPEN' });

    orders.clock.advance(OPEN_MS);
    expect(await breakerHealth()).toEqual({ status: 'up', breakers: { inventory: { state: 'OPEN', retryAfterMs: 0 } } });
    expect((await stock()).body).toEqual({ sku: 'SKU-1', level: 25, degraded: false });

    expect(transitions).toEqual(['CLOSED -> OPEN', 'OPEN -> HALF_OPEN', 'HALF_OPEN -> CLOSED']);
    expect(await breakerHealth()).toEqual({ status: 'up', breakers: { inventory: { state: 'CLOSED' } } });
    expect((await order()).status).toBe(201);
  });

  it('spends exactly one call on a probe that fails, and opens again', async () => {
    await outage();
    await openCircuit();
    const before = (await inventory.stats()).total;

    orders.clock.advance(OPEN_MS);
    const answer = await stock();

    expect(answer.body).toMatchObject({ level: 25, degraded: true });
    expect((await inventory.stats()).total).toBe(before + 1);
    expect(orders.breakers.state('inventory')).toBe('OPEN');
  });
});

describe('the order service configured through BULWARK__* variables', () => {
  it('answers /health with 503 while the circuit is open with BULWARK__HEALTH__OPEN_CIRCUIT=down', async () => {
    orders = await startOrders(inventory.url, { BULWARK__HEALTH__OPEN_CIRCUIT: 'down' }, { manualCacheClock: true });
    await outage();
    await openCircuit();

    const { status, body } = await request(`${orders.url}/health`);

    expect(status).toBe(503);
    expect(body.error).toEqual({ circuitBreakers: { status: 'down', breakers: { inventory: { state: 'OPEN', retryAfterMs: OPEN_MS } }, open: ['inventory'] } });
  });

  it('gives up on a slow inventory after BULWARK__TIMEOUTS__INVENTORY and serves the cached level, stale', async () => {
    orders = await startOrders(inventory.url, { BULWARK__TIMEOUTS__INVENTORY: '50ms', BULWARK__RETRIES__INVENTORY__MAX_ATTEMPTS: '1' }, { manualCacheClock: true });
    await outage();
    await inventory.mend();
    await inventory.inject({ latencyMs: 300 });

    const { body } = await stock();

    expect(body).toEqual({ sku: 'SKU-1', level: 25, degraded: true, reason: 'inventory did not answer within 50 ms', asOf: expect.any(String) });
    expect(orders.breakers.get('inventory').counts().failures).toBe(1);
  });

  it('opens after the configured number of failures with BULWARK__CIRCUIT_BREAKERS__INVENTORY__CONSECUTIVE_FAILURES=2', async () => {
    orders = await startOrders(inventory.url, { BULWARK__CIRCUIT_BREAKERS__INVENTORY__CONSECUTIVE_FAILURES: '2' }, { manualCacheClock: true });
    await outage();

    await stock();

    expect(orders.breakers.state('inventory')).toBe('OPEN');
    expect((await inventory.stats()).total).toBe(2);
  });
});
