import { request } from 'sample-kit';
import { pause } from '../pause.js';
import { DEMO_TIMINGS } from '../demo.settings.js';
import { inventoryStats, ordersHealth, resetInventoryStats, type StockAnswer } from '../probes.js';
import { result, type DemoStep, type StepResult } from '../step.types.js';

const LOOKUPS = 20;

/**
 * An inventory outage: the stock cache's expired level is served (stale, degraded) while retries
 * and then the open breaker keep the calls that reach the inventory to a handful; a SKU never
 * cached gets a clear degraded answer; orders are refused at once.
 */
export const outageStep: DemoStep = {
  title: 'Inventory outage',
  name: 'Inventory outage',
  needs: 'any',
  async run({ system, timeline }) {
    const orders = system.orders[0];
    await request(`${system.inventoryUrl}/admin/faults`, 'POST', { outage: true });
    await resetInventoryStats(system.inventoryUrl);
    timeline.note('POST /admin/faults {"outage":true}: the inventory now answers 503 to everything');
    await pause(DEMO_TIMINGS.stockTtlMs + 100);
    timeline.note(`${DEMO_TIMINGS.stockTtlMs} ms later the cached level of SKU-1 is no longer fresh (its grace is 1 h)`);
    const answers: StockAnswer[] = [];
    for (let i = 0; i < LOOKUPS; i++) answers.push((await request<StockAnswer>(`${orders.url}/stock/SKU-1`)).body);
    const calls = (await inventoryStats(system.inventoryUrl)).total;
    const { breaker } = await ordersHealth(orders.url);
    return [...staleRows(answers, timeline.note.bind(timeline)), stormRow(calls, breaker.state, timeline.note.bind(timeline)), ...(await refusals(system.inventoryUrl, orders.url, timeline.note.bind(timeline)))];
  },
};

function staleRows(answers: readonly StockAnswer[], note: (text: string) => void): StepResult[] {
  const stale = answers.filter((answer) => answer.degraded && answer.level !== null);
  const levels = new Set(answers.map((answer) => answer.level));
  const reasons = new Map<string, number>();
  for (const { reason = '' } of answers) reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  note(`${LOOKUPS} × GET /stock/SKU-1: ${stale.length} answered 200, degraded, level ${[...levels].join('/')} (the cached level, asOf ${answers[0].asOf ?? '?'})`);
  for (const [reason, count] of reasons) note(`   ${count} × reason "${shorten(reason)}"`);
  const ok = stale.length === LOOKUPS && levels.size === 1;
  return [result('Outage: stale stock served', 'every lookup 200, degraded, the cached level', `${stale.length}/${LOOKUPS} stale, level ${[...levels].join('/')}`, ok)];
}

function stormRow(calls: number, state: string, note: (text: string) => void): StepResult {
  const { consecutiveFailures, maxAttempts } = DEMO_TIMINGS;
  note(`calls that reached the inventory: ${calls} (${LOOKUPS} lookups × ${maxAttempts} attempts would be ${LOOKUPS * maxAttempts}); circuit "inventory" is ${state}`);
  return result('Outage: no retry storm', `circuit OPEN, ≤ ${consecutiveFailures} calls reach the inventory`, `${state}, ${calls} calls for ${LOOKUPS} lookups`, state === 'OPEN' && calls <= consecutiveFailures);
}

async function refusals(inventoryUrl: string, ordersUrl: string, note: (text: string) => void): Promise<StepResult[]> {
  const before = (await inventoryStats(inventoryUrl)).total;
  const unknown = (await request<StockAnswer>(`${ordersUrl}/stock/SKU-3`)).body;
  note(`GET /stock/SKU-3 (never looked up): level ${unknown.level}, degraded, reason "${unknown.reason ?? ''}"`);
  const order = await request(`${ordersUrl}/orders`, 'POST', { sku: 'SKU-1', quantity: 1 });
  const retryAfter = order.headers.get('retry-after');
  const calls = (await inventoryStats(inventoryUrl)).total - before;
  note(`POST /orders: ${order.status}, Retry-After ${retryAfter ?? 'none'} s, ${calls} calls reached the inventory`);
  return [
    result('Outage: nothing cached', 'level null, degraded, with the reason', `level ${unknown.level}, "${shorten(unknown.reason ?? '', 28)}"`, unknown.level === null && unknown.degraded && unknown.reason !== undefined),
    result('Outage: orders refused fast', '503 + Retry-After, no call', `${order.status}, Retry-After ${retryAfter ?? 'none'}, ${calls} calls`, order.status === 503 && retryAfter !== null && calls === 0),
  ];
}

function shorten(text: string, max = 90): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
