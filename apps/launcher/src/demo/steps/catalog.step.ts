import { request } from 'sample-kit';
import { pause } from '../pause.js';
import type { OrderReplica } from '../demo-system.js';
import { euros } from '../probes.js';
import { result, type DemoContext, type DemoStep, type StepResult } from '../step.types.js';

/** How long the other replica may take to see a price change. */
const WITHIN_MS = 1_000;

interface Product {
  readonly priceCents: number;
}

const price = async (replica: OrderReplica): Promise<number> => (await request<Product>(`${replica.url}/products/SKU-1`)).body.priceCents;

/**
 * A price change through one replica: the inventory is changed behind the caches' back first, to
 * show the reader keeps its cached price; then `PUT /products/SKU-1/price` on the writer evicts
 * the product by tag, and the reader serves the new price.
 *
 * @param context the running system
 * @param writer the replica that changes the price
 * @param reader the replica whose cache must follow
 * @returns the summary row
 */
async function priceChange({ system, timeline }: DemoContext, writer: OrderReplica, reader: OrderReplica): Promise<StepResult> {
  const cached = await price(reader);
  await request(`${system.inventoryUrl}/products/SKU-1/price`, 'PUT', { priceCents: cached + 1_000 });
  const behindItsBack = await price(reader);
  timeline.note(`${reader.id} serves ${euros(cached)}; the inventory changed to ${euros(cached + 1_000)} directly: ${reader.id} still serves ${euros(behindItsBack)} (cached)`);
  const next = cached - 1_000;
  const update = await request(`${writer.url}/products/SKU-1/price`, 'PUT', { priceCents: next });
  const started = performance.now();
  let seen = await price(reader);
  while (seen !== next && performance.now() - started < WITHIN_MS) {
    await pause(5);
    seen = await price(reader);
  }
  const ms = Math.round(performance.now() - started);
  timeline.note(`PUT /products/SKU-1/price ${euros(next)} on ${writer.id}: ${update.status}; ${reader.id} serves ${euros(seen)} ${seen === next ? `${ms} ms later` : `after ${ms} ms`}`);
  const where = writer === reader ? `on ${writer.id}` : `on ${writer.id} evicts ${reader.id}`;
  return result(
    `Catalog update ${where}`,
    `new price within ${WITHIN_MS} ms (cached before)`,
    `cached ${euros(behindItsBack)}; new ${euros(seen)} in ${ms} ms`,
    behindItsBack === cached && update.status === 200 && seen === next,
  );
}

/** With Redis: a price change on orders-1 evicts orders-2's cached product, through Redis pub/sub. */
export const catalogAcrossReplicasStep: DemoStep = {
  title: 'Catalog update across replicas (two replicas sharing Redis)',
  name: 'Catalog update across replicas',
  needs: 'redis',
  async run(context) {
    return [await priceChange(context, context.system.order('orders-1'), context.system.order('orders-2'))];
  },
};

/** Without Redis: the same on the one replica, whose own cache the update evicts. */
export const catalogOneReplicaStep: DemoStep = {
  title: 'Catalog update (one replica)',
  name: 'Catalog update, 1 replica',
  needs: 'no-redis',
  async run(context) {
    const only = context.system.order('orders-1');
    return [await priceChange(context, only, only)];
  },
};
