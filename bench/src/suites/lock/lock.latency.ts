import { RedisLock } from '@bulwark/redis';
import { Redis } from 'ioredis';

/** Milliseconds per acquire + release, uncontended and with contenders, for one node count. */
export interface LatencySamples {
  readonly nodes: number;
  readonly uncontended: number[];
  readonly contended: number[];
}

/** The lock options of every latency run: a short retry pause, so waiting measures the lock, not the pause. */
export const LATENCY_LOCK_OPTIONS = { commandTimeout: 100, retryDelay: 5 } as const;

/**
 * Times `acquire` + `release` on a RedisLock over the given nodes: `iterations` in a row with
 * nobody else asking; then `rounds` rounds in which `contenders` locks (each with its own
 * connections, as separate instances would have) all ask for one name at once and wait their
 * turn, timing each cycle from the first attempt to the release, waiting included.
 *
 * @param urls one URL per node
 * @param iterations uncontended cycles
 * @param contenders how many loops compete
 * @param rounds how many times the contenders arrive together
 * @returns the samples, in ms
 */
export async function measureLatency(urls: readonly string[], iterations: number, contenders: number, rounds: number): Promise<LatencySamples> {
  const connections: Redis[] = [];
  const lockOn = (): RedisLock => {
    const clients = urls.map((url) => new Redis(url));
    connections.push(...clients);
    return new RedisLock(clients, LATENCY_LOCK_OPTIONS);
  };
  try {
    const solo = lockOn();
    await cycles(solo, 'warm-up', 50, []);
    const uncontended: number[] = [];
    await cycles(solo, 'uncontended', iterations, uncontended);
    const contended: number[] = [];
    const crowd = Array.from({ length: contenders }, lockOn);
    // Each round, every contender arrives at once (as instances at a cron tick) and waits its turn.
    for (let round = 0; round < rounds; round++) await Promise.all(crowd.map((lock) => cycles(lock, 'contended', 1, contended, '10s')));
    return { nodes: urls.length, uncontended, contended };
  } finally {
    for (const client of connections) client.disconnect();
  }
}

async function cycles(lock: RedisLock, name: string, count: number, into: number[], waitTimeout?: string): Promise<void> {
  const options = waitTimeout === undefined ? undefined : { waitTimeout: waitTimeout as `${number}s` };
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const handle = await lock.acquire(name, options);
    await handle.release();
    into.push(performance.now() - started);
  }
}
