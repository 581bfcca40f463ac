import { Redis } from 'ioredis';
import Redlock from 'redlock';

/** Milliseconds per uncontended acquire + release of the reference points, for one node count. */
export interface PeerSamples {
  readonly nodes: number;
  /** The `redlock` package (5.0.0-beta.2, the version most installs use): no fencing tokens. */
  readonly redlock: number[];
  /** The floor: one `SET NX PX` and one `DEL` sent to every node in parallel; no quorum logic, no fencing. */
  readonly raw: number[];
}

const WARM_UP = 50;

/**
 * Times the reference points of the lock suite over the given nodes: the `redlock` package, and
 * raw ioredis commands that only take and drop the key on every node.
 *
 * @param urls one URL per node
 * @param iterations timed cycles of each, after a warm-up
 * @returns the samples, in ms
 */
export async function measurePeers(urls: readonly string[], iterations: number): Promise<PeerSamples> {
  const clients = urls.map((url) => new Redis(url));
  try {
    const redlock = new Redlock(clients, { retryCount: 0 });
    const redlockCycle = async (): Promise<void> => {
      const lock = await redlock.acquire(['bench:redlock'], 30_000);
      await lock.release();
    };
    const rawCycle = async (): Promise<void> => {
      await Promise.all(clients.map((client) => client.set('bench:raw', 'owner', 'PX', 30_000, 'NX')));
      await Promise.all(clients.map((client) => client.del('bench:raw')));
    };
    return { nodes: urls.length, redlock: await timed(redlockCycle, iterations), raw: await timed(rawCycle, iterations) };
  } finally {
    for (const client of clients) client.disconnect();
  }
}

async function timed(cycle: () => Promise<void>, iterations: number): Promise<number[]> {
  for (let i = 0; i < WARM_UP; i++) await cycle();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const started = performance.now();
    await cycle();
    samples.push(performance.now() - started);
  }
  return samples;
}
