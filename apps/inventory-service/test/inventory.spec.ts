import { useRedisServers } from '@bulwark/test/support';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RestockJob } from '../src/catalogue/restock.job.js';
import { request } from 'sample-kit';
import { startInventory, stopInventories, type RunningInventory } from './support/inventory.app.js';

let inventory: RunningInventory;

beforeEach(async () => {
  inventory = await startInventory();
});
afterEach(stopInventories);

const reserve = (body: unknown) => request(`${inventory.url}/reservations`, 'POST', body);

describe('stock and reservations', () => {
  it("answers a SKU's stock level", async () => {
    const { status, body } = await request(`${inventory.url}/stock/SKU-1`);

    expect(status).toBe(200);
    expect(body).toEqual({ sku: 'SKU-1', level: 25 });
  });

  it('answers 404 for an unknown SKU, naming the known ones', async () => {
    const { status, body } = await request(`${inventory.url}/stock/SKU-9`);

    expect(status).toBe(404);
    expect(body.message).toBe('Unknown SKU "SKU-9"; the catalogue holds SKU-1, SKU-2, SKU-3, SKU-4.');
  });

  it('reserves units and answers 201 with what is left', async () => {
    const { status, body } = await reserve({ sku: 'SKU-2', quantity: 3, reservationId: 'r-1' });

    expect(status).toBe(201);
    expect(body).toEqual({ sku: 'SKU-2', quantity: 3, reservationId: 'r-1', remaining: 5 });
    expect((await request(`${inventory.url}/stock/SKU-2`)).body).toEqual({ sku: 'SKU-2', level: 5 });
  });

  it('answers 409 with the units available when the stock is short, and takes nothing', async () => {
    const { status, body } = await reserve({ sku: 'SKU-2', quantity: 9 });

    expect(status).toBe(409);
    expect(body).toEqual({ statusCode: 409, error: 'Conflict', message: 'Only 8 of SKU-2 in stock; 9 requested.', sku: 'SKU-2', available: 8 });
    expect((await request(`${inventory.url}/stock/SKU-2`)).body).toEqual({ sku: 'SKU-2', level: 8 });
  });

  it('takes the units once when a reservation is repeated with the same reservationId', async () => {
    const first = await reserve({ sku: 'SKU-1', quantity: 2, reservationId: 'order-7' });
    const again = await reserve({ sku: 'SKU-1', quantity: 2, reservationId: 'order-7' });

    expect(again.body).toEqual(first.body);
    expect((await request(`${inventory.url}/stock/SKU-1`)).body).toEqual({ sku: 'SKU-1', level: 23 });
  });

  it('answers 409 when a reservationId is reused for another request', async () => {
    await reserve({ sku: 'SKU-1', quantity: 2, reservationId: 'order-7' });

    const { status, body } = await reserve({ sku: 'SKU-1', quantity: 5, reservationId: 'order-7' });

    expect(status).toBe(409);
    expect(body.message).toBe('Reservation "order-7" was already made for 2 of SKU-1; use a new reservationId.');
  });

  it.each([
    [undefined, 'The body must be a JSON object such as {"sku":"SKU-1","quantity":2} (with Content-Type: application/json).', undefined],
    [{ quantity: 1 }, 'sku is required.', 'sku'],
    [{ sku: 'SKU 1', quantity: 1 }, `sku must be 1 to 64 letters, digits, '.', '_' or '-'; got "SKU 1".`, 'sku'],
    [{ sku: 'SKU-1' }, 'quantity is required.', 'quantity'],
    [{ sku: 'SKU-1', quantity: 0 }, 'quantity must be an integer from 1 to 1000; got 0.', 'quantity'],
    [{ sku: 'SKU-1', quantity: '2' }, 'quantity must be an integer from 1 to 1000; got "2".', 'quantity'],
    [{ sku: 'SKU-1', quantity: 1, qty: 1 }, 'Unknown field "qty"; expected sku, quantity, reservationId.', 'qty'],
  ])('answers 400 for the reservation %j: %s', async (body, message, field) => {
    const answer = await reserve(body);

    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ statusCode: 400, error: 'Bad Request', message, ...(field === undefined ? {} : { field }) });
  });

  it('tops stock back up to its par level when the restock job runs', async () => {
    await reserve({ sku: 'SKU-3', quantity: 10 });

    expect(inventory.app.get(RestockJob).restock()).toBe(1);
    expect((await request(`${inventory.url}/stock/SKU-3`)).body).toEqual({ sku: 'SKU-3', level: 40 });
  });
});

describe('products and prices', () => {
  const setPrice = (body: unknown, sku = 'SKU-2') => request(`${inventory.url}/products/${sku}/price`, 'PUT', body);

  it('answers a product with its unit price', async () => {
    const { status, body } = await request(`${inventory.url}/products/SKU-2`);

    expect(status).toBe(200);
    expect(body).toEqual({ sku: 'SKU-2', name: 'Rain jacket', priceCents: 12_900, currency: 'EUR', updatedAt: expect.any(String) });
  });

  it('changes a price and answers the product with it', async () => {
    const { status, body } = await setPrice({ priceCents: 9_900 });

    expect(status).toBe(200);
    expect(body).toMatchObject({ sku: 'SKU-2', priceCents: 9_900 });
    expect((await request(`${inventory.url}/products/SKU-2`)).body).toEqual(body);
  });

  it.each([
    [{ priceCents: -1 }, 'priceCents must be an integer from 1 to 10000000; got -1.', 'priceCents'],
    [{ price: 10 }, 'Unknown field "price"; expected priceCents.', 'price'],
  ])('answers 400 for the price change %j: %s', async (body, message, field) => {
    const answer = await setPrice(body);

    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ statusCode: 400, error: 'Bad Request', message, field });
  });

  it('answers 404 for an unknown SKU, and 503 during an outage like the other business routes', async () => {
    const unknown = await request(`${inventory.url}/products/SKU-9`);
    await inventory.inject({ outage: true });
    const down = await request(`${inventory.url}/products/SKU-1`);

    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toBe('Unknown SKU "SKU-9"; the catalogue holds SKU-1, SKU-2, SKU-3, SKU-4.');
    expect(down.status).toBe(503);
    expect((await inventory.stats()).byRoute).toEqual({ 'GET /products/:sku': 2 });
  });
});

describe('the restock job with several replicas', () => {
  const servers = useRedisServers(1);

  it('runs on the leader only when the replicas share a lock through REDIS_URL', async () => {
    const replicas = [await startInventory({ REDIS_URL: servers[0].url, REPLICA_ID: 'inventory-1' }), await startInventory({ REDIS_URL: servers[0].url, REPLICA_ID: 'inventory-2' })];
    const health = await request(`${replicas[1].url}/health`);

    const results = replicas.map((replica) => replica.app.get(RestockJob).restock());

    const leaderId = (health.body.details as { locks: { elections: Record<string, { leaderId: string }> } }).locks.elections['inventory-service'].leaderId;
    expect(leaderId).toBe('inventory-1');
    expect(results).toEqual([0, undefined]);
  });
});

describe('fault injection', () => {
  it('answers 503 to stock and reservations during an outage, and /health turns 503', async () => {
    await inventory.inject({ outage: true });

    const stock = await request(`${inventory.url}/stock/SKU-1`);
    const reservation = await reserve({ sku: 'SKU-1', quantity: 1 });
    const health = await request(`${inventory.url}/health`);

    expect(stock.status).toBe(503);
    expect(stock.body.message).toBe('Injected fault: the inventory is in an outage. DELETE /admin/faults ends it.');
    expect(reservation.status).toBe(503);
    expect(health.status).toBe(503);
    expect(health.body.error).toEqual({ catalogue: { status: 'down', skus: 4, reason: 'injected outage' } });
  });

  it('is healthy again once the faults are deleted', async () => {
    await inventory.inject({ outage: true });

    const { status, body } = await request(`${inventory.url}/admin/faults`, 'DELETE');

    expect(status).toBe(200);
    expect(body).toEqual({ errorRate: 0, latencyMs: 0, outage: false });
    expect((await request(`${inventory.url}/stock/SKU-1`)).status).toBe(200);
    expect((await request(`${inventory.url}/health`)).body).toMatchObject({ status: 'ok', details: { catalogue: { status: 'up', skus: 4 } } });
  });

  it('fails every request with errorRate 1, and none with errorRate 0', async () => {
    await inventory.inject({ errorRate: 1 });
    const failed = await request(`${inventory.url}/stock/SKU-1`);
    await inventory.inject({ errorRate: 0 });
    const served = await request(`${inventory.url}/stock/SKU-1`);

    expect(failed.status).toBe(500);
    expect(failed.body.message).toBe('Injected fault: a random error (errorRate 1).');
    expect(served.status).toBe(200);
  });

  it('delays answers by latencyMs', async () => {
    await inventory.inject({ latencyMs: 60 });
    const started = performance.now();

    const { status } = await request(`${inventory.url}/stock/SKU-1`);

    expect(status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
  });

  it('changes only the settings given, and answers with all of them', async () => {
    await inventory.inject({ latencyMs: 10 });

    const { status, body } = await request(`${inventory.url}/admin/faults`, 'POST', { errorRate: 0.25 });

    expect(status).toBe(200);
    expect(body).toEqual({ errorRate: 0.25, latencyMs: 10, outage: false });
    expect((await request(`${inventory.url}/admin/faults`)).body).toEqual(body);
  });

  it.each([
    [{ errorRate: 2 }, 'errorRate must be a number from 0 to 1; got 2.', 'errorRate'],
    [{ errorRate: -0.1 }, 'errorRate must be a number from 0 to 1; got -0.1.', 'errorRate'],
    [{ errorRate: '0.5' }, 'errorRate must be a number from 0 to 1; got "0.5".', 'errorRate'],
    [{ latencyMs: -1 }, 'latencyMs must be an integer from 0 to 60000; got -1.', 'latencyMs'],
    [{ latencyMs: 1.5 }, 'latencyMs must be an integer from 0 to 60000; got 1.5.', 'latencyMs'],
    [{ latencyMs: 60_001 }, 'latencyMs must be an integer from 0 to 60000; got 60001.', 'latencyMs'],
    [{ outage: 'yes' }, 'outage must be true or false; got "yes".', 'outage'],
    [{ outages: true }, 'Unknown field "outages"; expected errorRate, latencyMs, outage.', 'outages'],
    [{}, 'Give at least one of errorRate, latencyMs, outage.', undefined],
    [[true], 'The body must be a JSON object such as {"outage":true} (with Content-Type: application/json).', undefined],
  ])('answers 400 for the faults %j: %s', async (body, message, field) => {
    const answer = await request(`${inventory.url}/admin/faults`, 'POST', body);

    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ statusCode: 400, error: 'Bad Request', message, ...(field === undefined ? {} : { field }) });
    expect((await request(`${inventory.url}/admin/faults`)).body).toEqual({ errorRate: 0, latencyMs: 0, outage: false });
  });
});

describe('request counts', () => {
  it('counts every request that reached a business route, failed ones included, and nothing else', async () => {
    await request(`${inventory.url}/stock/SKU-1`);
    await request(`${inventory.url}/stock/SKU-9`);
    await inventory.inject({ outage: true });
    await reserve({ sku: 'SKU-1', quantity: 1 });
    await request(`${inventory.url}/health`);

    const stats = await inventory.stats();

    expect(stats).toEqual({ total: 3, byRoute: { 'GET /stock/:sku': 2, 'POST /reservations': 1 }, since: expect.any(String) });
  });

  it('starts counting again from zero on DELETE /admin/stats', async () => {
    await request(`${inventory.url}/stock/SKU-1`);

    await inventory.resetStats();

    expect(await inventory.stats()).toMatchObject({ total: 0, byRoute: {} });
  });
});
