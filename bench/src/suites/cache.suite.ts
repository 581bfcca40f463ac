import { cache } from '@bulwark/core';
import { createCache } from 'cache-manager';
import { startThrowawayRedis } from 'sample-kit';
import { onCpus, type Pinning } from '../harness/cpu-pinning.js';
import { measureLatency } from '../harness/latency.js';
import { measure, type Candidate, type Measurement } from '../harness/measure.js';
import type { Suite, SuiteOptions, SuiteResult } from '../harness/suite.js';
import { l1Subjects } from './cache/l1.subjects.js';
import { l2Subjects, type L2Subjects } from './cache/l2.subjects.js';
import { CONCURRENCY, report, summarize, type CacheMeasurements, type L2Measurements } from './cache/cache.report.js';
import { stampede, type StampedeOutcome } from './cache/stampede.js';
import type { Op } from './cache/subjects.js';

/** Stampedes per candidate, each on a new cold key (one in a `--tiny` run). */
const STAMPEDE_RUNS = 3;

/** Shows progress of one phase on stderr, which keeps stdout to the tables and the JSON line. */
function progress(phase: string): (round: number, rounds: number) => void {
  return (round, rounds) => {
    if (process.stderr.isTTY) process.stderr.write(`\rcache: ${phase} round ${round}/${rounds}${round === rounds ? '\n' : ''}`);
    else if (round === rounds) process.stderr.write(`cache: ${phase}: ${rounds} rounds done\n`);
  };
}

/** Awaits `calls` calls of `op` started together: what a busy server keeps in flight. */
function concurrently(op: Op, calls: number): Op {
  return () => {
    const pending: Array<PromiseLike<unknown>> = [];
    for (let i = 0; i < calls; i++) pending.push(op());
    return Promise.all(pending);
  };
}

async function measureL1(samples: number, batch: number): Promise<Measurement[]> {
  const l1 = await l1Subjects();
  const candidates: Candidate[] = [
    { name: 'bulwark getOrSet', op: l1.bulwarkGetOrSet },
    { name: 'bulwark get', op: l1.bulwarkGet },
    { name: 'cache-manager wrap', op: l1.cacheManagerWrap },
    { name: 'cache-manager get', op: l1.cacheManagerGet },
    { name: 'lru-cache get', op: l1.lruCacheGet },
  ];
  await l1.verify();
  const measured = await measure(candidates, { samples, batch, onRound: progress('L1') });
  await l1.verify();
  return measured;
}

type Placer = typeof onCpus;

/** A `--tiny` run's numbers mean nothing, and its process may be a test worker sharing the machine. */
const unpinned: Placer = async (_groups, work) => ({ result: await work(), pinning: { cpus: undefined, skipped: 'a --tiny run' } satisfies Pinning });

/**
 * Times the sequential L2 rows twice: with the client and its redis-server on separate CPUs, as a
 * client and a remote Redis always are (the headline), and on one CPU, the shortest round trip
 * there is. The concurrent rows run on one CPU only: across CPUs, how 32 replies split into reads
 * spreads their batches over a factor of two and more.
 */
async function measureL2(l2: L2Subjects, serverPid: number, samples: number, batch: number, place: Placer): Promise<L2Measurements> {
  const sequential: Candidate[] = [
    { name: 'raw ioredis GET', op: l2.rawGet },
    { name: 'raw GET + JSON.parse', op: l2.rawGetParse },
    { name: 'bulwark, RedisCacheStore', op: l2.bulwarkStore },
    { name: 'bulwark, fail-open store', op: l2.bulwarkFailOpen },
    { name: 'bulwark, Redis tier', op: l2.bulwarkTier },
  ];
  const concurrent: Candidate[] = [
    { name: 'raw ioredis GET', op: concurrently(l2.rawGet, CONCURRENCY) },
    { name: 'bulwark, Redis tier', op: concurrently(l2.bulwarkTier, CONCURRENCY) },
  ];
  const timeSequential = (phase: string) => measureLatency(sequential, { rounds: samples, calls: batch, onRound: progress(phase) });
  await l2.verify();
  const separate = await place([[process.pid], [serverPid]], () => timeSequential('L2 sequential, separate CPUs'));
  const oneCpu = await place([[process.pid, serverPid]], async () => ({
    sequential: await timeSequential('L2 sequential, one CPU'),
    concurrent: await measure(concurrent, { samples, batch: Math.max(1, Math.round(batch / CONCURRENCY)), onRound: progress('L2 concurrent, one CPU') }),
  }));
  await l2.verify();
  return { sequential: separate.result, pinning: separate.pinning, oneCpu: { ...oneCpu.result, pinning: oneCpu.pinning } };
}

async function stampedes(l2: L2Subjects, runs: number): Promise<StampedeOutcome[]> {
  process.stderr.write(`cache: stampedes\n`);
  const bulwark = cache({ name: 'bench-stampede', ttl: '1m' });
  const cacheManager = createCache({ ttl: 60_000 });
  const getThenSet = createCache({ ttl: 60_000 });
  return [
    await stampede('bulwark getOrSet', (key, factory) => bulwark.getOrSet(key, factory), runs),
    await stampede('bulwark getOrSet, Redis tier', l2.readThroughTier, runs),
    await stampede('cache-manager wrap', (key, factory) => cacheManager.wrap(key, factory), runs),
    await stampede(
      'cache-manager get, then set on a miss',
      async (key, factory) => {
        const cached = await getThenSet.get(key);
        if (cached !== undefined) return cached;
        const value = await factory();
        await getThenSet.set(key, value);
        return value;
      },
      runs,
    ),
  ];
}

/**
 * The cache suite: in-memory hits against cache-manager 7 and lru-cache, Redis hits against a bare
 * ioredis GET on a throwaway `redis-server`, and 1,000 concurrent callers of one cold key.
 *
 * @example
 * const result = await cacheSuite.run({ samples: 10 });
 */
export const cacheSuite: Suite = {
  async run(options: SuiteOptions): Promise<SuiteResult> {
    const { samples = 40, batch = 20_000 } = options;
    const stampedeRuns = options.tiny === true ? 1 : STAMPEDE_RUNS;
    // A Redis round trip costs about 100 in-memory hits: short L2 rounds, three times as many, so
    // the interleaving is fine and a burst of load on the machine hits every candidate alike.
    const l2Batch = Math.max(1, Math.round(batch / 100));
    const l2Samples = samples * 3;
    process.stderr.write(`cache: L1 ${samples} samples of ${batch} calls; L2 ${l2Samples} rounds of ${l2Batch} calls\n`);
    const l1 = await measureL1(samples, batch);
    const server = await startThrowawayRedis();
    let l2: L2Subjects | undefined;
    try {
      l2 = await l2Subjects(server.port);
      const measured = await measureL2(l2, server.pid, l2Samples, l2Batch, options.tiny === true ? unpinned : onCpus);
      const results: CacheMeasurements = { l1, l2: measured, stampedes: await stampedes(l2, stampedeRuns), payloadBytes: l2.payloadBytes };
      const summary = summarize(results, { samples, batch, l2Samples, l2Batch, stampedeRuns });
      report(results, summary);
      return summary;
    } finally {
      l2?.close();
      await server.stop();
    }
  },
};
