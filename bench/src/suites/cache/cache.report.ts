import type { Pinning } from '../../harness/cpu-pinning.js';
import type { Measurement } from '../../harness/measure.js';
import { significant } from '../../harness/stats.js';
import type { SuiteResult } from '../../harness/suite.js';
import { formatNs, formatTable } from '../../harness/table.js';
import { STAMPEDE, type StampedeOutcome } from './stampede.js';

/** Calls in flight per awaited operation in the concurrent L2 rows. */
export const CONCURRENCY = 32;

/** What Bulwark must reach, and in which direction. */
export const TARGETS = { l1_hit_vs_cache_manager: 2, l2_hit_vs_raw_get: 1.15, stampede_factory_calls: 1 } as const;
const AT_LEAST: ReadonlySet<keyof typeof TARGETS> = new Set(['l1_hit_vs_cache_manager']);

/** Everything the cache suite measured. */
export interface CacheMeasurements {
  readonly l1: readonly Measurement[];
  /** One awaited call at a time. */
  readonly sequential: readonly Measurement[];
  /** `CONCURRENCY` calls per awaited operation; medians are per operation, not per call. */
  readonly concurrent: readonly Measurement[];
  /** The CPU the L2 rows ran on, with their redis-server. */
  readonly l2Pinning: Pinning;
  readonly stampedes: readonly StampedeOutcome[];
  readonly payloadBytes: number;
}

/** How the suite was run. */
export interface CacheRunSettings {
  readonly samples: number;
  readonly batch: number;
  readonly l2Samples: number;
  readonly l2Batch: number;
  readonly stampedeRuns: number;
}

const L1_NOTE = 'L1: one warm key (a short string), value kept by reference; every await is one hit. hits/s = 1e9 / median.';
const L2_NOTES = [
  'L2: the same key in a throwaway redis-server on loopback, an entry of {bytes} bytes; the raw rows GET a key holding the same bytes.',
  'Sequential rows time each call alone (median of single-call latencies); the concurrent rows time batches of 32 calls.',
  'RedisCacheStore = cache({ store: RedisCacheStore }): engine, store, decoding; fail-open = cache({ store: tier.l2 }): adds the',
  'breaker (the client times commands out: failFastRedisOptions, same commandTimeout); Redis tier = cache({ ...tier.cacheOptions }), the headline: what a tier user pays on an L1 miss',
  '(its L1 refuses every entry, maxBytes 1 and sizeOf 2: L1 miss, fail-open Redis read, decode, entry offered to L1).',
];

function pinningNote({ cpu, skipped }: Pinning): string {
  if (cpu !== undefined) return `L2 rows ran with this process and its redis-server pinned to CPU ${cpu}: a reply that crosses cores costs more than what is measured (see bench/README.md).`;
  return `L2 rows ran unpinned (${skipped}): their latencies depend on whether the scheduler puts client and server on one core.`;
}

function byName(measurements: readonly Measurement[]): (name: string) => number {
  const medians = new Map(measurements.map((m) => [m.name, m.ns.median]));
  return (name) => medians.get(name)!;
}

function maxCalls(stampedes: readonly StampedeOutcome[], name: string): number {
  return Math.max(...stampedes.find((outcome) => outcome.name === name)!.factoryCalls);
}

/**
 * Builds the JSON summary: the three headline ratios and counts, their targets and the raw medians.
 *
 * @param results what the suite measured
 * @param run how it was run
 * @returns the summary, printed as the last line of stdout
 */
export function summarize(results: CacheMeasurements, run: CacheRunSettings): SuiteResult {
  const l1 = byName(results.l1);
  const l2 = byName(results.sequential);
  const concurrent = byName(results.concurrent);
  const ns = (value: number): number => Math.round(value);
  const ratio = (value: number): number => significant(value, 3);
  const hitsPerSecond = (name: string): number => Math.round(1e9 / l1(name));
  return {
    suite: 'cache',
    l1_hit_vs_cache_manager: ratio(l1('cache-manager wrap') / l1('bulwark getOrSet')),
    l2_hit_vs_raw_get: ratio(l2('bulwark, Redis tier') / l2('raw ioredis GET')),
    stampede_factory_calls: maxCalls(results.stampedes, 'bulwark getOrSet'),
    l1_get_vs_cache_manager_get: ratio(l1('cache-manager get') / l1('bulwark get')),
    l1_hits_per_s: {
      bulwark_get_or_set: hitsPerSecond('bulwark getOrSet'),
      bulwark_get: hitsPerSecond('bulwark get'),
      cache_manager_wrap: hitsPerSecond('cache-manager wrap'),
      cache_manager_get: hitsPerSecond('cache-manager get'),
      lru_cache_get: hitsPerSecond('lru-cache get'),
    },
    l1_ns: {
      bulwark_get_or_set: ns(l1('bulwark getOrSet')),
      bulwark_get: ns(l1('bulwark get')),
      cache_manager_wrap: ns(l1('cache-manager wrap')),
      cache_manager_get: ns(l1('cache-manager get')),
      lru_cache_get: ns(l1('lru-cache get')),
    },
    l2_ns: {
      raw_get: ns(l2('raw ioredis GET')),
      raw_get_parse: ns(l2('raw GET + JSON.parse')),
      bulwark_store: ns(l2('bulwark, RedisCacheStore')),
      bulwark_fail_open: ns(l2('bulwark, fail-open store')),
      bulwark_tier: ns(l2('bulwark, Redis tier')),
    },
    l2_store_vs_raw_get: ratio(l2('bulwark, RedisCacheStore') / l2('raw ioredis GET')),
    l2_concurrent_vs_raw_get: ratio(concurrent('bulwark, Redis tier') / concurrent('raw ioredis GET')),
    l2_concurrent_ns_per_call: {
      raw_get: ns(concurrent('raw ioredis GET') / CONCURRENCY),
      bulwark_tier: ns(concurrent('bulwark, Redis tier') / CONCURRENCY),
    },
    l2_payload_bytes: results.payloadBytes,
    l2_pinned_cpu: results.l2Pinning.cpu ?? null,
    stampede_factory_calls_by_library: {
      bulwark: maxCalls(results.stampedes, 'bulwark getOrSet'),
      bulwark_redis_tier: maxCalls(results.stampedes, 'bulwark getOrSet, Redis tier'),
      cache_manager_wrap: maxCalls(results.stampedes, 'cache-manager wrap'),
      cache_manager_get_then_set: maxCalls(results.stampedes, 'cache-manager get, then set on a miss'),
    },
    stampede: { callers: STAMPEDE.callers, factory_ms: STAMPEDE.factoryMs, runs: run.stampedeRuns },
    targets: TARGETS,
    samples: run.samples,
    batch: run.batch,
    l2_samples: run.l2Samples,
    l2_batch: run.l2Batch,
    concurrency: CONCURRENCY,
    node: process.version,
  };
}

function timingRows(title: string, measurements: readonly Measurement[], extra: (m: Measurement) => string, perCall = 1): string[][] {
  return [
    [title],
    ...measurements.map((m) => ['  ' + m.name, formatNs(m.ns.median / perCall), formatNs(m.ns.p25 / perCall), formatNs(m.ns.p75 / perCall), extra(m)]),
  ];
}

function timingTable(results: CacheMeasurements): string {
  const l2 = byName(results.sequential);
  const concurrent = byName(results.concurrent);
  const rows = [
    ...timingRows('L1 hit, in memory (ns per awaited call; last column: hits/s)', results.l1, (m) => formatNs(1e9 / m.ns.median)),
    ...timingRows('L2 hit, Redis, one call at a time (latency of single calls; last column: / raw GET)', results.sequential, (m) => (m.ns.median / l2('raw ioredis GET')).toFixed(2)),
    ...timingRows(
      `L2 hit, Redis, ${CONCURRENCY} calls in flight (ns per call, from batches; last column: / raw GET)`,
      results.concurrent,
      (m) => (m.ns.median / concurrent('raw ioredis GET')).toFixed(2),
      CONCURRENCY,
    ),
  ];
  const columns = [
    { header: 'candidate' },
    { header: 'median', align: 'right' },
    { header: 'p25', align: 'right' },
    { header: 'p75', align: 'right' },
    { header: 'see title', align: 'right' },
  ] as const;
  return formatTable(columns, rows);
}

function stampedeTable(stampedes: readonly StampedeOutcome[]): string {
  const columns = [{ header: `stampede: ${STAMPEDE.callers} callers, one cold key, ${STAMPEDE.factoryMs} ms factory` }, { header: 'factory calls per run', align: 'right' }, { header: 'ms until all answered', align: 'right' }] as const;
  const rows = stampedes.map((s) => ['  ' + s.name, s.factoryCalls.join(' / '), s.elapsedMs.map((ms) => ms.toFixed(0)).join(' / ')]);
  return formatTable(columns, rows);
}

function verdicts(summary: SuiteResult): string[] {
  return (Object.keys(TARGETS) as Array<keyof typeof TARGETS>).map((key) => {
    const value = summary[key] as number;
    const atLeast = AT_LEAST.has(key);
    const met = atLeast ? value >= TARGETS[key] : value <= TARGETS[key];
    return `${key.padEnd(24)} ${String(value).padStart(7)}  target ${atLeast ? '>=' : '<='} ${TARGETS[key]}  ${met ? 'met' : 'MISSED'}`;
  });
}

/**
 * Prints the timing table, the stampede table, the notes and one verdict line per target.
 *
 * @param results what the suite measured
 * @param summary the JSON summary built from it
 */
export function report(results: CacheMeasurements, summary: SuiteResult): void {
  const notes = [L1_NOTE, ...L2_NOTES.map((note) => note.replace('{bytes}', String(results.payloadBytes))), pinningNote(results.l2Pinning)];
  const ratios = [
    'l1_hit_vs_cache_manager = bulwark getOrSet hits/s / cache-manager wrap hits/s (higher is better);',
    'l2_hit_vs_raw_get = bulwark, Redis tier / raw ioredis GET, one call at a time (lower is better).',
  ];
  console.log([timingTable(results), '', stampedeTable(results.stampedes), '', ...notes, ...ratios, '', ...verdicts(summary)].join('\n'));
}
