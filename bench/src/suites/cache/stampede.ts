import { setTimeout as delay } from 'node:timers/promises';
import { PRODUCT, check, type Product } from './subjects.js';

/** How many callers ask for the same cold key at once, and how long its factory takes. */
export const STAMPEDE = { callers: 1_000, factoryMs: 20 } as const;

/** One way of reading through a cache: the key, and the factory to run on a miss. */
export type ReadThrough = (key: string, factory: () => Promise<Product>) => Promise<unknown>;

/** What one candidate did when the stampede hit it, once per run. */
export interface StampedeOutcome {
  readonly name: string;
  /** Factory calls in each run; 1 means the callers shared one computation. */
  readonly factoryCalls: readonly number[];
  /** Milliseconds until every caller had its answer, in each run. */
  readonly elapsedMs: readonly number[];
}

/**
 * Lets `STAMPEDE.callers` callers ask for one cold key at once, `runs` times (a new key each run),
 * and counts how often the slow factory ran.
 *
 * @param name the row's name
 * @param readThrough how the candidate reads through its cache
 * @param runs how many stampedes
 * @returns the factory calls and elapsed time of each run
 * @throws {Error} when a caller does not get the product
 */
export async function stampede(name: string, readThrough: ReadThrough, runs: number): Promise<StampedeOutcome> {
  const factoryCalls: number[] = [];
  const elapsedMs: number[] = [];
  for (let run = 0; run < runs; run++) {
    let calls = 0;
    const factory = async (): Promise<Product> => {
      calls++;
      await delay(STAMPEDE.factoryMs);
      return PRODUCT;
    };
    const key = `cold-${run}`;
    const started = performance.now();
    const callers: Array<Promise<unknown>> = [];
    for (let i = 0; i < STAMPEDE.callers; i++) callers.push(readThrough(key, factory));
    const answers = await Promise.all(callers);
    elapsedMs.push(performance.now() - started);
    check(answers.every((answer) => (answer as Product | undefined)?.sku === PRODUCT.sku), `every ${name} caller gets the product`);
    factoryCalls.push(calls);
  }
  return { name, factoryCalls, elapsedMs };
}
