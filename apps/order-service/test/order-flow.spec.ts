import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { request } from 'sample-kit';
import { startInventory, stopInventories, type RunningInventory } from '../../inventory-service/test/support/inventory.app.js';
import { startOrders, stopOrderServices, type RunningOrders } from './support/order.app.js';

let inventory: RunningInventory;
let orders: RunningOrders;

beforeEach(async () => {
  inventory = await startInventory();
  orders = await startOrders(inventory.url, { REPLICA_ID: 'orders-test' });
});
afterEach(async () => {
  await stopOrderServices();
  await stopInventories();
});

const order = (body: unknown) => request(`${orders.url}/orders`, 'POST', body);

describe('the order flow, inventory healthy', () => {
  it('looks the stock up in the inventory', async () => {
    const { status, body } = await request(`${orders.url}/stock/SKU-1`);

    expect(status).toBe(200);
    expect(body).toEqual({ sku: 'SKU-1', level: 25, degraded: false });
    expect((await inventory.stats()).byRoute).toEqual({ 'GET /stock/:sku': 1 });
  });

  it('places an order: one stock check, one product read and one reservation reach the inventory, and the order can be read back', async () => {
    const placed = await order({ sku: 'SKU-1', quantity: 2 });

    expect(placed.status).toBe(201);
    expect(placed.body).toEqual({
      id: expect.any(String),
      sku: 'SKU-1',
      quantity: 2,
      status: 'confirmed',
      createdAt: expect.any(String),
      quote: { unitPriceCents: 8_900, quantity: 2, subtotalCents: 17_800, discountCents: 0, shippingCents: 0, totalCents: 17_800, currency: 'EUR' },
    });
    expect((await inventory.stats()).byRoute).toEqual({ 'GET /stock/:sku': 1, 'GET /products/:sku': 1, 'POST /reservations': 1 });
    expect((await request(`${inventory.url}/stock/SKU-1`)).body).toEqual({ sku: 'SKU-1', level: 23 });
    const read = await request(`${orders.url}/orders/${String(placed.body.id)}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(placed.body);
  });

  it('keeps the level a reservation left as the cached stock, so the next lookup needs no call', async () => {
    await order({ sku: 'SKU-1', quantity: 2 });
    await inventory.resetStats();

    const { body } = await request(`${orders.url}/stock/SKU-1`);

    expect(body).toEqual({ sku: 'SKU-1', level: 23, degraded: false });
    expect((await inventory.stats()).total).toBe(0);
  });

  it('answers 409 with the units available when the stock is short, without reserving', async () => {
    const { status, body } = await order({ sku: 'SKU-2', quantity: 9 });

    expect(status).toBe(409);
    expect(body).toEqual({ statusCode: 409, error: 'Conflict', message: 'Only 8 of SKU-2 in stock; 9 requested.', sku: 'SKU-2', available: 8 });
    expect((await inventory.stats()).byRoute).toEqual({ 'GET /stock/:sku': 1 });
  });

  it("passes the inventory's 404 on for an unknown SKU: not retried, not counted against the breaker", async () => {
    const lookup = await request(`${orders.url}/stock/SKU-9`);
    const placed = await order({ sku: 'SKU-9', quantity: 1 });

    expect(lookup.status).toBe(404);
    expect(lookup.body.message).toBe('Unknown SKU "SKU-9"; the catalogue holds SKU-1, SKU-2, SKU-3, SKU-4.');
    expect(placed.status).toBe(404);
    expect((await inventory.stats()).total).toBe(2);
    expect(orders.breakers.get('inventory').counts().failures).toBe(0);
  });

  it.each([
    [{ quantity: 1 }, 'sku is required.', 'sku'],
    [{ sku: 'SKU-1', quantity: 0 }, 'quantity must be an integer from 1 to 1000; got 0.', 'quantity'],
    [{ sku: 'SKU-1', quantity: 2.5 }, 'quantity must be an integer from 1 to 1000; got 2.5.', 'quantity'],
    [{ sku: 'SKU-1', quantity: 1, note: 'x' }, 'Unknown field "note"; expected sku, quantity.', 'note'],
  ])('answers 400 for the order %j without calling the inventory: %s', async (body, message, field) => {
    const answer = await order(body);

    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ statusCode: 400, error: 'Bad Request', message, field });
    expect((await inventory.stats()).total).toBe(0);
  });

  it('answers 404 for an unknown order id', async () => {
    const { status, body } = await request(`${orders.url}/orders/nope`);

    expect(status).toBe(404);
    expect(body.message).toBe('No order "nope".');
  });

  it('reports the inventory breaker CLOSED, the memory cache tier and this replica as the leader on /health', async () => {
    const { status, body } = await request(`${orders.url}/health`);

    expect(status).toBe(200);
    expect(body.details).toEqual({
      circuitBreakers: { status: 'up', breakers: { inventory: { state: 'CLOSED' } } },
      cache: { status: 'up', tier: 'memory' },
      locks: { status: 'up', backend: 'memory', elections: { 'order-service': { leader: true, leaderId: 'orders-test', id: 'orders-test' } } },
    });
  });

  it("serves Bulwark's metrics and Node's process metrics on /metrics", async () => {
    await request(`${orders.url}/stock/SKU-1`);

    const { status, headers, body } = await request<string>(`${orders.url}/metrics`);

    expect(status).toBe(200);
    expect(headers.get('content-type')).toContain('text/plain');
    expect(body).toContain('bulwark_circuit_breaker_calls_total{breaker="inventory",outcome="success"} 1');
    expect(body).toContain('bulwark_circuit_breaker_state{breaker="inventory",state="CLOSED"} 1');
    expect(body).toContain('process_cpu_seconds_total');
  });
});
