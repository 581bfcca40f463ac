import { request } from 'sample-kit';
import { pause } from '../pause.js';
import { inventoryStats, ordersHealth, resetInventoryStats, type StockAnswer } from '../probes.js';
import { result, type DemoStep } from '../step.types.js';

const TRANSITION = /Circuit breaker "inventory" (\w+) -> (\w+)(?:: (.*))?$/gm;

/** The inventory mended: once the open duration is over, one probe closes the circuit through HALF_OPEN. */
export const recoveryStep: DemoStep = {
  title: 'Recovery through half-open',
  name: 'Recovery through half-open',
  needs: 'any',
  async run({ system, timeline }) {
    const orders = system.orders[0];
    await request(`${system.inventoryUrl}/admin/faults`, 'DELETE');
    await resetInventoryStats(system.inventoryUrl);
    const early = (await request<StockAnswer>(`${orders.url}/stock/SKU-1`)).body;
    const { breaker } = await ordersHealth(orders.url);
    timeline.note(`DELETE /admin/faults; the circuit is still ${breaker.state}: GET /stock/SKU-1 is answered from the cache (degraded: ${early.degraded}), no call`);
    await pause((breaker.retryAfterMs ?? 0) + 50);
    const probe = (await request<StockAnswer>(`${orders.url}/stock/SKU-1`)).body;
    const calls = (await inventoryStats(system.inventoryUrl)).total;
    const after = await ordersHealth(orders.url);
    timeline.note(`after the open duration, GET /stock/SKU-1 is the probe: ${calls} call, level ${probe.level}, degraded: ${probe.degraded}; circuit ${after.breaker.state}`);
    const transitions = [...orders.process.output().matchAll(TRANSITION)].map(([, from, to]) => `${from} -> ${to}`);
    for (const [line] of orders.process.output().matchAll(TRANSITION)) timeline.note(`log of ${orders.id}: ${line}`);
    const halfOpen = transitions.includes('OPEN -> HALF_OPEN') && transitions.at(-1) === 'HALF_OPEN -> CLOSED';
    return [
      result(
        'Recovery through half-open',
        'one probe call; OPEN → HALF_OPEN → CLOSED; fresh',
        `${calls} call; ${halfOpen ? 'OPEN → HALF_OPEN → CLOSED' : transitions.join(', ')}; ${probe.degraded ? 'degraded' : 'fresh'}`,
        calls === 1 && halfOpen && !probe.degraded && after.breaker.state === 'CLOSED',
      ),
    ];
  },
};
