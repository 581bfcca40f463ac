import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { request } from 'sample-kit';
import { startInventory, stopInventories, type RunningInventory } from '../../inventory-service/test/support/inventory.app.js';
import { PricingCalculator } from '../src/pricing/pricing.calculator.js';
import { startOrders, stopOrderServices, type RunningOrders } from './support/order.app.js';

describe('PricingCalculator.quote', () => {
  it.each([
    // unit price, quantity, discount, shipping, total
    [1_500, 1, 0, 495, 1_995],
    [1_500, 6, 0, 495, 9_495],
    [1_500, 9, 0, 0, 13_500],
    [1_500, 10, 750, 0, 14_250],
    [1_500, 50, 7_500, 0, 67_500],
    [1_500, 100, 22_500, 0, 127_500],
    [999, 10, 500, 495, 9_985],
    [10_000, 1, 0, 0, 10_000],
  ])('prices %i cents x %i: discount %i, shipping %i, total %i', (unitPriceCents, quantity, discountCents, shippingCents, totalCents) => {
    const quote = new PricingCalculator().quote(unitPriceCents, quantity);

    expect(quote).toEqual({ unitPriceCents, quantity, subtotalCents: unitPriceCents * quantity, discountCents, shippingCents, totalCents, currency: 'EUR' });
  });

  it('computes a quote once per unit price and quantity, and returns the one frozen result to every caller', () => {
    const pricing = new PricingCalculator();

    const first = pricing.quote(8_900, 3);
    const again = pricing.quote(8_900, 3);
    pricing.quote(8_900, 4);

    expect(again).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(pricing.computed).toBe(2);
  });

  it('keeps a memo per instance', () => {
    const [a, b] = [new PricingCalculator(), new PricingCalculator()];

    a.quote(100, 1);
    b.quote(100, 1);

    expect([a.computed, b.computed]).toEqual([1, 1]);
  });
});

describe('GET /products/:sku/quote', () => {
  let inventory: RunningInventory;
  let orders: RunningOrders;

  beforeEach(async () => {
    inventory = await startInventory();
    orders = await startOrders(inventory.url);
  });
  afterEach(async () => {
    await stopOrderServices();
    await stopInventories();
  });

  const quote = (query: string) => request(`${orders.url}/products/SKU-1/quote${query}`);

  it('quotes with the cached price and the memoized calculation: a repeated quote computes nothing', async () => {
    const pricing = orders.app.get(PricingCalculator);

    const first = await quote('?quantity=12');
    const again = await quote('?quantity=12');

    expect(first.status).toBe(200);
    expect(first.body).toEqual({ sku: 'SKU-1', unitPriceCents: 8_900, quantity: 12, subtotalCents: 106_800, discountCents: 5_340, shippingCents: 0, totalCents: 101_460, currency: 'EUR' });
    expect(again.body).toEqual(first.body);
    expect(pricing.computed).toBe(1);
    expect((await inventory.stats()).byRoute).toEqual({ 'GET /products/:sku': 1 });
  });

  it('shares the memo with orders: an order of a quoted quantity computes no new quote', async () => {
    const pricing = orders.app.get(PricingCalculator);
    await quote('?quantity=2');

    const placed = await request(`${orders.url}/orders`, 'POST', { sku: 'SKU-1', quantity: 2 });

    expect(placed.body.quote).toMatchObject({ quantity: 2, totalCents: 17_800 });
    expect(pricing.computed).toBe(1);
  });

  it('quotes one unit without a quantity, and answers 400 naming quantity for a bad one', async () => {
    const one = await quote('');
    const bad = await quote('?quantity=0');

    expect(one.body).toMatchObject({ quantity: 1, totalCents: 8_900 + 495 });
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ statusCode: 400, error: 'Bad Request', message: 'quantity must be an integer from 1 to 1000; got "0".', field: 'quantity' });
  });
});
