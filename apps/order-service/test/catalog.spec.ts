import { BulwarkCaches } from '@bulwark/nestjs';
import { useRedisServers } from '@bulwark/test/support';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { request } from 'sample-kit';
import { startInventory, stopInventories, type RunningInventory } from '../../inventory-service/test/support/inventory.app.js';
import { eventually } from './support/eventually.js';
import { startOrders, stopOrderServices, type RunningOrders } from './support/order.app.js';

let inventory: RunningInventory;

beforeEach(async () => {
  inventory = await startInventory();
});
afterEach(async () => {
  await stopOrderServices();
  await stopInventories();
});

const product = (orders: RunningOrders, sku = 'SKU-1') => request(`${orders.url}/products/${sku}`);
const setPrice = (orders: RunningOrders, body: unknown, sku = 'SKU-1') => request(`${orders.url}/products/${sku}/price`, 'PUT', body);
const productReads = async (): Promise<number> => (await inventory.stats()).byRoute['GET /products/:sku'] ?? 0;

describe('the product catalogue, one replica', () => {
  let orders: RunningOrders;

  beforeEach(async () => {
    orders = await startOrders(inventory.url);
  });

  it('reads a product from the inventory once, then from the catalog cache', async () => {
    const first = await product(orders);
    const second = await product(orders);

    expect(first.status).toBe(200);
    expect(first.body).toEqual({ sku: 'SKU-1', name: 'Trail running shoes', priceCents: 8_900, currency: 'EUR', updatedAt: expect.any(String) });
    expect(second.body).toEqual(first.body);
    expect(await productReads()).toBe(1);
  });

  it('changes a price in the inventory and evicts the cached product, so the next read shows it', async () => {
    await product(orders);

    const changed = await setPrice(orders, { priceCents: 1_299 });
    const read = await product(orders);

    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ sku: 'SKU-1', priceCents: 1_299 });
    expect(read.body).toMatchObject({ sku: 'SKU-1', priceCents: 1_299 });
    expect(await productReads()).toBe(2);
    expect((await request(`${inventory.url}/products/SKU-1`)).body).toMatchObject({ priceCents: 1_299 });
  });

  it('keeps serving the cached price when the inventory changes behind its back: the cache answers', async () => {
    await product(orders);

    await request(`${inventory.url}/products/SKU-1/price`, 'PUT', { priceCents: 9_900 });

    expect((await product(orders)).body).toMatchObject({ priceCents: 8_900 });
    expect(await productReads()).toBe(1);
  });

  it.each([
    [{}, 'priceCents is required.', 'priceCents'],
    [{ priceCents: 0 }, 'priceCents must be an integer from 1 to 10000000; got 0.', 'priceCents'],
    [{ priceCents: 12.5 }, 'priceCents must be an integer from 1 to 10000000; got 12.5.', 'priceCents'],
    [{ priceCents: 100, currency: 'USD' }, 'Unknown field "currency"; expected priceCents.', 'currency'],
  ])('answers 400 for the price change %j without calling the inventory: %s', async (body, message, field) => {
    const answer = await setPrice(orders, body);

    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ statusCode: 400, error: 'Bad Request', message, field });
    expect((await inventory.stats()).total).toBe(0);
  });

  it("passes the inventory's 404 on for an unknown SKU, and caches nothing", async () => {
    const answers = [await product(orders, 'SKU-9'), await product(orders, 'SKU-9')];

    expect(answers.map(({ status }) => status)).toEqual([404, 404]);
    expect(answers[0].body.message).toBe('Unknown SKU "SKU-9"; the catalogue holds SKU-1, SKU-2, SKU-3, SKU-4.');
    expect(await productReads()).toBe(2);
  });
});

describe('the product catalogue, two replicas sharing Redis', () => {
  const servers = useRedisServers(1);

  async function replica(id: string): Promise<RunningOrders> {
    const orders = await startOrders(inventory.url, { REDIS_URL: servers[0].url, REPLICA_ID: id });
    // Subscribed to the invalidation bus before anything is written.
    await orders.app.get(BulwarkCaches).backend.tier!.ready();
    return orders;
  }

  it("serves one replica the product the other read, and a price change on one evicts the other's copy at once", async () => {
    const [a, b] = [await replica('orders-a'), await replica('orders-b')];
    expect((await product(b)).body).toMatchObject({ priceCents: 8_900 });
    expect((await product(a)).body).toMatchObject({ priceCents: 8_900 });
    expect(await productReads()).toBe(1);
    // Behind the caches' back: b keeps its cached copy, so what follows is the eviction's doing.
    await request(`${inventory.url}/products/SKU-1/price`, 'PUT', { priceCents: 9_900 });
    expect((await product(b)).body).toMatchObject({ priceCents: 8_900 });

    expect((await setPrice(a, { priceCents: 1_299 })).status).toBe(200);
    // Pub/sub usually delivers in a few ms; the bound leaves room for a loaded machine.
    const elapsed = await eventually(() => product(b), ({ body }) => body.priceCents === 1_299, 1_000);

    expect(elapsed).toBeLessThan(500);
    expect((await product(a)).body).toMatchObject({ priceCents: 1_299 });
  });
});
