import { LEADER_ELECTION_FAST } from '@bulwark/core';
import { RedisLeaderElector, RedisLock } from '@bulwark/redis';
import { Redis } from 'ioredis';

/** Failover and handover times of a run, in ms. */
export interface FailoverSamples {
  /** From a leader's crash (its connections dropped) to a successor's election. */
  readonly failovers: number[];
  /** From a leader's `stop()` (it resigns) to a successor's election. */
  readonly handovers: number[];
}

/** The fast profile's bound on a failover: lease + 1.2 × retry period + 100 ms. */
export const FAILOVER_BOUND_MS = LEADER_ELECTION_FAST.lease + (1 + LEADER_ELECTION_FAST.retryJitter) * LEADER_ELECTION_FAST.retryPeriod + 100;

interface Candidate {
  readonly elector: RedisLeaderElector;
  readonly clients: readonly Redis[];
}

/**
 * Keeps `size` candidates campaigning in one election (fast timing) over the nodes, and replaces
 * the leader `kills` times by dropping its connections, as a crash would: it can then neither
 * renew nor resign. Then `handovers` times by stopping it, so it resigns.
 *
 * @param urls one URL per node
 * @param size how many candidates campaign
 * @param kills crashes to time
 * @param handovers resignations to time
 * @returns the samples
 */
export async function measureFailover(urls: readonly string[], size: number, kills: number, handovers: number): Promise<FailoverSamples> {
  let serial = 0;
  const candidates: Candidate[] = [];
  const all: Candidate[] = [];
  let elected: ((at: number, id: string) => void) | undefined;
  const join = async (): Promise<void> => {
    const clients = urls.map((url) => new Redis(url, { maxRetriesPerRequest: 0 }));
    for (const client of clients) client.on('error', () => undefined);
    const lock = new RedisLock(clients, { commandTimeout: 50 });
    const elector = new RedisLeaderElector(lock, { name: 'bench', id: `candidate-${++serial}`, ...LEADER_ELECTION_FAST });
    elector.onElected(({ id }) => elected?.(performance.now(), id));
    const candidate = { elector, clients };
    candidates.push(candidate);
    all.push(candidate);
    await elector.start();
  };
  const nextElection = (): Promise<{ at: number; id: string }> => new Promise((resolve) => (elected = (at, id) => resolve({ at, id })));
  const leader = async (): Promise<Candidate> => {
    for (;;) {
      const found = candidates.find(({ elector }) => elector.isLeader());
      if (found) return found;
      await nextElection();
    }
  };
  try {
    for (let i = 0; i < size; i++) await join();
    const failovers = await replaceLeader(kills, leader, nextElection, join, candidates, (dead) => dead.clients.forEach((client) => client.disconnect()));
    const resigned = await replaceLeader(handovers, leader, nextElection, join, candidates, (dead) => void dead.elector.stop());
    return { failovers, handovers: resigned };
  } finally {
    await Promise.all(all.map(({ elector }) => elector.stop()));
    for (const { clients } of all) for (const client of clients) client.disconnect();
  }
}

async function replaceLeader(
  times: number,
  leader: () => Promise<Candidate>,
  nextElection: () => Promise<{ at: number; id: string }>,
  join: () => Promise<void>,
  candidates: Candidate[],
  end: (dead: Candidate) => void,
): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const dead = await leader();
    const successor = nextElection();
    const endedAt = performance.now();
    end(dead);
    candidates.splice(candidates.indexOf(dead), 1);
    const { at } = await successor;
    samples.push(at - endedAt);
    await join();
  }
  return samples;
}
