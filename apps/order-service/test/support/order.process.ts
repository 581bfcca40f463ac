import { fileURLToPath } from 'node:url';
import { ServiceProcess } from '../../../launcher/src/service.process.js';
import type { Env } from 'sample-kit';

/** Runs a TypeScript entry point from source: the launcher test's loader, with its on-disk transpile cache. */
const FROM_SOURCE = ['--conditions=source', '--import', fileURLToPath(new URL('../../../../test/support/ts-loader/ts-loader.mjs', import.meta.url))];
const ORDER_MAIN = fileURLToPath(new URL('../../src/main.ts', import.meta.url));
/** A first start transpiles every source it loads; later ones read the cache. */
const LISTEN_TIMEOUT_MS = 30_000;

/** An order-service replica running as its own OS process. */
export interface OrderProcess {
  readonly process: ServiceProcess;
  /** e.g. `http://127.0.0.1:41236` */
  readonly url: string;
}

const started = new Set<ServiceProcess>();

/**
 * Starts order-service replicas from source as separate processes (the first alone, so the others
 * find every module transpiled), each on a free loopback port, with `env` on top of a quiet default.
 *
 * @param envs one environment per replica, e.g. `{ REDIS_URL, REPLICA_ID: 'orders-1' }`
 * @returns the replicas, listening; `stopOrderProcesses()` stops them
 * @throws Error with the replica's output when one does not start
 */
export async function startOrderProcesses(envs: readonly Env[]): Promise<OrderProcess[]> {
  const start = async (env: Env): Promise<OrderProcess> => {
    const replica = new ServiceProcess(`order-service ${env.REPLICA_ID ?? ''}`.trim(), ORDER_MAIN, { execArgv: FROM_SOURCE, capture: true });
    started.add(replica);
    const url = await replica.start({ ...process.env, ORDER_PORT: '0', LOG_LEVEL: 'warn', ...env }, LISTEN_TIMEOUT_MS);
    return { process: replica, url };
  };
  const [first, ...others] = envs;
  if (first === undefined) return [];
  return [await start(first), ...(await Promise.all(others.map(start)))];
}

/** Kills every replica `startOrderProcesses` started; call it from `afterEach`. */
export function stopOrderProcesses(): void {
  for (const replica of started) replica.kill();
  started.clear();
}
