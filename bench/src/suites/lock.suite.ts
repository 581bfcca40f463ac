import { LEADER_ELECTION_FAST } from '@bulwark/core';
import { startThrowawayRedis } from 'sample-kit';
import { quantile } from '../harness/stats.js';
import type { Suite, SuiteOptions, SuiteResult } from '../harness/suite.js';
import { formatTable } from '../harness/table.js';
import { FAILOVER_BOUND_MS, measureFailover } from './lock/lock.failover.js';
import { LATENCY_LOCK_OPTIONS, measureLatency, type LatencySamples } from './lock/lock.latency.js';
import { measurePeers, type PeerSamples } from './lock/lock.peers.js';

const NODE_COUNTS = [1, 3, 5] as const;
const CONTENDERS = 8;

/** How much of each phase a run does. */
interface Sizes {
  readonly rounds: number;
  readonly kills: number;
  readonly handovers: number;
}

const FULL: Sizes = { rounds: 25, kills: 10, handovers: 10 };
/** `--tiny`: every phase once (~3 s); never for the figures. */
const TINY: Sizes = { rounds: 2, kills: 1, handovers: 1 };

interface Spread {
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

function spread(samples: readonly number[]): Spread {
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (ms: number): number => Math.round(ms * 100) / 100;
  return { p50: round(quantile(sorted, 0.5)), p99: round(quantile(sorted, 0.99)), max: round(sorted[sorted.length - 1]) };
}

const cells = ({ p50, p99, max }: Spread): string[] => [p50.toFixed(2), p99.toFixed(2), max.toFixed(2)];

/**
 * The lock suite: `RedisLock` acquire + release latency over 1, 3 and 5 throwaway redis-server
 * processes, alone and with 8 contenders; and leader failover times of `RedisLeaderElector` with
 * the fast timing profile, over repeated leader crashes and resignations.
 *
 * @example
 * const result = await lockSuite.run({ samples: 200 });
 */
export const lockSuite: Suite = {
  async run(options: SuiteOptions): Promise<SuiteResult> {
    const iterations = options.samples ?? 500;
    const sizes = options.tiny ? TINY : FULL;
    const servers = await Promise.all(Array.from({ length: Math.max(...NODE_COUNTS) }, () => startThrowawayRedis()));
    try {
      const latencies: LatencySamples[] = [];
      const peers: PeerSamples[] = [];
      for (const count of NODE_COUNTS) {
        process.stderr.write(`lock: ${count} node(s): ${iterations} uncontended cycles, ${CONTENDERS} contenders × ${sizes.rounds}\n`);
        const urls = servers.slice(0, count).map((server) => server.url);
        latencies.push(await measureLatency(urls, iterations, CONTENDERS, sizes.rounds));
        peers.push(await measurePeers(urls, iterations));
      }
      process.stderr.write(`lock: ${sizes.kills} leader crashes and ${sizes.handovers} resignations over 3 nodes (fast timing, about ${2 * sizes.kills} s)\n`);
      const { failovers, handovers } = await measureFailover(servers.slice(0, 3).map((server) => server.url), 3, sizes.kills, sizes.handovers);
      return report(latencies, peers, spread(failovers), spread(handovers), iterations, sizes);
    } finally {
      await Promise.all(servers.map((server) => server.stop()));
    }
  },
};

function report(
  latencies: readonly LatencySamples[],
  peers: readonly PeerSamples[],
  failover: Spread,
  handover: Spread,
  iterations: number,
  sizes: Sizes,
): SuiteResult {
  const rows: string[][] = [['acquire + release (ms)']];
  const summary: Record<string, unknown> = { suite: 'lock' };
  latencies.forEach(({ nodes, uncontended, contended }, index) => {
    const alone = spread(uncontended);
    const crowded = spread(contended);
    const redlock = spread(peers[index].redlock);
    const raw = spread(peers[index].raw);
    const label = `  ${nodes} node${nodes === 1 ? '' : 's'}`;
    rows.push([`${label}, uncontended`, ...cells(alone)]);
    rows.push([`${label}, uncontended, redlock 5.0.0-beta.2 (no fencing)`, ...cells(redlock)]);
    rows.push([`${label}, uncontended, raw SET NX + DEL (the floor)`, ...cells(raw)]);
    rows.push([`${label}, ${CONTENDERS} contenders (waiting included)`, ...cells(crowded)]);
    Object.assign(summary, {
      [`acquire_release_p50_ms_n${nodes}`]: alone.p50,
      [`acquire_release_p99_ms_n${nodes}`]: alone.p99,
      [`redlock_p50_ms_n${nodes}`]: redlock.p50,
      [`raw_p50_ms_n${nodes}`]: raw.p50,
      [`contended_p50_ms_n${nodes}`]: crowded.p50,
      [`contended_p99_ms_n${nodes}`]: crowded.p99,
    });
  });
  rows.push([`leader election over 3 nodes, fast timing (ms)`]);
  rows.push([`  failover after a crash (${sizes.kills} kills)`, ...cells(failover)]);
  rows.push([`  handover after a resignation (${sizes.handovers} stops)`, ...cells(handover)]);
  const columns = [{ header: 'lock' }, { header: 'p50', align: 'right' }, { header: 'p99', align: 'right' }, { header: 'max', align: 'right' }] as const;
  const withinBound = failover.max <= FAILOVER_BOUND_MS;
  console.log(
    [
      formatTable(columns, rows),
      '',
      `Lock options: commandTimeout ${LATENCY_LOCK_OPTIONS.commandTimeout} ms, retryDelay ${LATENCY_LOCK_OPTIONS.retryDelay} ms ± 50 %; nodes are local redis-server processes.`,
      `Election: lease ${LEADER_ELECTION_FAST.lease} ms, renewDeadline ${LEADER_ELECTION_FAST.renewDeadline} ms, retryPeriod ${LEADER_ELECTION_FAST.retryPeriod} ms ± ${LEADER_ELECTION_FAST.retryJitter * 100} %.`,
      'A crash drops the leader\'s connections (it can neither renew nor resign); a resignation is elector.stop().',
      `failover_max_ms  ${failover.max}  bound (lease + 1.2 × retry + 100 ms) ${FAILOVER_BOUND_MS}  ${withinBound ? 'met' : 'MISSED'}`,
    ].join('\n'),
  );
  return {
    ...summary,
    suite: 'lock',
    failover_p50_ms: failover.p50,
    failover_p99_ms: failover.p99,
    failover_max_ms: failover.max,
    failover_bound_ms: FAILOVER_BOUND_MS,
    handover_p50_ms: handover.p50,
    handover_max_ms: handover.max,
    kills: sizes.kills,
    uncontended_cycles: iterations,
    contenders: CONTENDERS,
    node: process.version,
  };
}
