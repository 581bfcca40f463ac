import { request } from 'sample-kit';
import { euros, inventoryStats, resetInventoryStats, type StockAnswer } from '../probes.js';
import { result, type DemoStep } from '../step.types.js';

const LOOKUPS = 10;

/** Normal traffic: stock lookups answered by the stock cache, and an order priced and reserved. */
export const normalTrafficStep: DemoStep = {
  title: 'Normal traffic',
  name: 'Normal traffic',
  needs: 'any',
  async run({ system, timeline }) {
    const orders = system.orders[0];
    await resetInventoryStats(system.inventoryUrl);
    const answers: StockAnswer[] = [];
    for (let i = 0; i < LOOKUPS; i++) answers.push((await request<StockAnswer>(`${orders.url}/stock/SKU-1`)).body);
    const fresh = answers.filter((answer) => !answer.degraded).length;
    const calls = (await inventoryStats(system.inventoryUrl)).byRoute['GET /stock/:sku'] ?? 0;
    timeline.note(`${LOOKUPS} × GET /stock/SKU-1 on ${orders.id}: ${fresh} fresh (level ${answers[0].level}); ${calls} reached the inventory, the stock cache answered the rest`);
    const placed = await request<{ quote?: { totalCents: number } }>(`${orders.url}/orders`, 'POST', { sku: 'SKU-1', quantity: 2 });
    const total = placed.body.quote?.totalCents;
    timeline.note(`POST /orders {"sku":"SKU-1","quantity":2} on ${orders.id}: ${placed.status}, total ${total === undefined ? '?' : euros(total)} (quote from the memoized pricing)`);
    return [
      result(
        'Normal traffic',
        `${LOOKUPS} lookups fresh, ≤ 2 reach the inventory; order 201`,
        `${fresh} fresh, ${calls} reached it; order ${placed.status}`,
        fresh === LOOKUPS && calls <= 2 && placed.status === 201,
      ),
    ];
  },
};
