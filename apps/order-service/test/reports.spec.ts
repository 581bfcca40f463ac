import { useRedisServers } from '@bulwark/test/support';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { request } from 'sample-kit';
import { startInventory, stopInventories, type RunningInventory } from '../../inventory-service/test/support/inventory.app.js';
import { DailyReportJob } from '../src/reports/daily-report.job.js';
import type { ReportRun } from '../src/reports/report.types.js';
import { eventually } from './support/eventually.js';
import { startOrderProcesses, stopOrderProcesses, type OrderProcess } from './support/order.process.js';
import { startOrders, stopOrderServices } from './support/order.app.js';

let inventory: RunningInventory;

beforeEach(async () => {
  inventory = await startInventory();
});
afterEach(async () => {
  stopOrderProcesses();
  await stopOrderServices();
  await stopInventories();
});

describe('the end-of-day report, one replica without Redis', () => {
  it('answers 404 saying when it runs, until the job has run; then shows the run and the day so far', async () => {
    const orders = await startOrders(inventory.url, { REPLICA_ID: 'orders-1' });
    const before = await request(`${orders.url}/reports/latest`);
    await request(`${orders.url}/orders`, 'POST', { sku: 'SKU-3', quantity: 2 });

    const run = await orders.app.get(DailyReportJob).run();
    const latest = await request(`${orders.url}/reports/latest`);

    expect(before.status).toBe(404);
    expect(before.body.message).toBe('No report has run yet: it runs on REPORT_CRON "0 30 23 * * *", on the leader replica (memory store).');
    expect(latest.body).toEqual(run);
    expect(run).toEqual({ replica: 'orders-1', term: expect.any(Number), ranAt: expect.any(String), day: run!.ranAt.slice(0, 10), sales: { orders: 1, units: 2, revenueCents: 3_495 } });
    expect((await request(`${orders.url}/reports`)).body).toEqual({ store: 'memory', runs: [run] });
  });
});

describe('the end-of-day report, 3 replicas sharing Redis, every second', () => {
  const servers = useRedisServers(1);
  let replicas: OrderProcess[];

  const runs = async (replica: OrderProcess): Promise<ReportRun[]> => (await request<{ runs: ReportRun[] }>(`${replica.url}/reports`)).body.runs;
  const second = (run: ReportRun): number => Math.floor(Date.parse(run.ranAt) / 1_000);

  beforeEach(async () => {
    await servers[0].client().flushall();
    const env = { REDIS_URL: servers[0].url, INVENTORY_URL: inventory.url, REPORT_CRON: '* * * * * *' };
    replicas = await startOrderProcesses([1, 2, 3].map((n) => ({ ...env, REPLICA_ID: `orders-${n}` })));
  }, 60_000);

  it('runs once per tick, on the leader only, and every replica shows the same report', async () => {
    const ready = Math.ceil(Date.now() / 1_000);
    const ticks = [ready + 1, ready + 2, ready + 3];

    await eventually(() => runs(replicas[0]), (list) => list.some((run) => second(run) > ticks[2]), 6_000);
    const inTicks = (await runs(replicas[1])).filter((run) => ticks.includes(second(run)));
    const leaders = await Promise.all(replicas.map(async ({ url }) => (await request(`${url}/health`)).body.details as { locks: { elections: Record<string, { leaderId: string }> } }));
    const latest = await Promise.all(replicas.map(async ({ url }) => (await request(`${url}/reports/latest`)).body));

    expect(ticks.map((tick) => inTicks.filter((run) => second(run) === tick).length)).toEqual([1, 1, 1]);
    expect(new Set(inTicks.map((run) => run.replica)).size).toBe(1);
    expect(leaders.map((health) => health.locks.elections['order-service'].leaderId)).toEqual([inTicks[0].replica, inTicks[0].replica, inTicks[0].replica]);
    expect(new Set(latest.map((run) => JSON.stringify(run))).size).toBe(1);
  });
});
