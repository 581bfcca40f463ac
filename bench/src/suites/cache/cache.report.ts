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

/** The Redis rows, timed in two placements of the client and its redis-server. */
export interface L2Measurements {
  /** One awaited call at a time, client and server on separate CPUs: the headline. */
  readonly sequential: readonly Measurement[];
  /** The CPUs of the client and the server in the rows above. */
  readonly pinning: Pinning;
  /** Client and server on one CPU: the sequential rows again, and `CONCURRENCY` calls per awaited operation (medians per operation, not per call). */
  readonly oneCpu: { readonly sequential: readonly Measurement[]; readonly concurrent: readonly Measurement[]; readonly pinning: Pinning };
}

/** Everything the cache suite measured. */
export interface CacheMeasurements {
  readonly l1: readonly Measurement[];
  readonly l2: L2Measurements;
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

function pinningNotes({ pinning, oneCpu }: L2Measurements): string[] {
  if (pinning.cpus === undefined) return [`L2 rows ran unpinned (${pinning.skipped}): their latencies depend on whether the scheduler puts client and server on one core.`];
  const [client, server] = pinning.cpus;
  return [
    `Separate CPUs: this process on CPU ${client}, its redis-server on CPU ${server}, as a client and a remote Redis always are: the headline.`,
    `One CPU: both on CPU ${oneCpu.pinning.cpus?.[0] ?? '?'}, the shortest round trip there is; every cold microsecond of client CPU weighs the most (see bench/README.md).`,
  ];
}

function byName(measurements: readonly Measurement[]): (name: string) => number {
  const medians = new Map(measurements.map((m) => [m.name, m.ns.median]));
  return (name) => medians.get(name)!;
}

/** The JSON key of each row, by the row's name in the table. */
const L1_KEYS = {
  bulwark_get_or_set: 'bulwark getOrSet',
  bulwark_get: 'bulwark get',
  cache_manager_wrap: 'cache-manager wrap',
  cache_manager_get: 'cache-manager get',
  lru_cache_get: 'lru-cache get',
} as const;
const L2_KEYS = {
  raw_get: 'raw ioredis GET',
  raw_get_parse: 'raw GET + JSON.parse',
  bulwark_store: 'bulwark, RedisCacheStore',
  bulwark_fail_open: 'bulwark, fail-open store',
  bulwark_tier: 'bulwark, Redis tier',
} as const;

/** @returns `value(row name)` for every row of `keys`, under its JSON key */
function perRow(keys: Readonly<Record<string, string>>, value: (name: string) => number): Record<string, number> {
  return Object.fromEntries(Object.entries(keys).map(([key, name]) => [key, value(name)]));
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
  const l2 = byName(results.l2.sequential);
  const oneCpu = byName(results.l2.oneCpu.sequential);
  const concurrent = byName(results.l2.oneCpu.concurrent);
  const ns = (value: number): number => Math.round(value);
  const ratio = (value: number): number => significant(value, 3);
  const hitsPerSecond = (name: string): number => Math.round(1e9 / l1(name));
  return {
    suite: 'cache',
    l1_hit_vs_cache_manager: ratio(l1('cache-manager wrap') / l1('bulwark getOrSet')),
    l2_hit_vs_raw_get: ratio(l2('bulwark, Redis tier') / l2('raw ioredis GET')),
    stampede_factory_calls: maxCalls(results.stampedes, 'bulwark getOrSet'),
    l1_get_vs_cache_manager_get: ratio(l1('cache-manager get') / l1('bulwark get')),
    l1_hits_per_s: perRow(L1_KEYS, hitsPerSecond),
    l1_ns: perRow(L1_KEYS, (name) => ns(l1(name))),
    l2_ns: perRow(L2_KEYS, (name) => ns(l2(name))),
    l2_raw_get_parse_vs_raw_get: ratio(l2('raw GET + JSON.parse') / l2('raw ioredis GET')),
    l2_store_vs_raw_get: ratio(l2('bulwark, RedisCacheStore') / l2('raw ioredis GET')),
    l2_cpus: results.l2.pinning.cpus === undefined ? null : { client: results.l2.pinning.cpus[0], redis_server: results.l2.pinning.cpus[1] },
    l2_one_cpu: {
      hit_vs_raw_get: ratio(oneCpu('bulwark, Redis tier') / oneCpu('raw ioredis GET')),
      raw_get_parse_vs_raw_get: ratio(oneCpu('raw GET + JSON.parse') / oneCpu('raw ioredis GET')),
      ns: perRow(L2_KEYS, (name) => ns(oneCpu(name))),
      concurrent_vs_raw_get: ratio(concurrent('bulwark, Redis tier') / concurrent('raw ioredis GET')),
      concurrent_ns_per_call: {
        raw_get: ns(concurrent('raw ioredis GET') / CONCURRENCY),
        bulwark_tier: ns(concurrent('bulwark, Redis tier') / CONCURRENCY),
      },
      cpu: results.l2.oneCpu.pinning.cpus?.[0] ?? null,
    },
    l2_payload_bytes: results.payloadBytes,
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

/** Rows of single-call latencies, each with its ratio to the raw GET of the same run. */
function latencyRows(title: string, measurements: readonly Measurement[]): string[][] {
  const rawGet = byName(measurements)('raw ioredis GET');
  return timingRows(`${title} (latency of single calls; last column: / raw GET)`, measurements, (m) => (m.ns.median / rawGet).toFixed(2));
}

function timingTable(results: CacheMeasurements): string {
  const { sequential, oneCpu } = results.l2;
  const concurrentRawGet = byName(oneCpu.concurrent)('raw ioredis GET');
  const rows = [
    ...timingRows('L1 hit, in memory (ns per awaited call; last column: hits/s)', results.l1, (m) => formatNs(1e9 / m.ns.median)),
    ...latencyRows('L2 hit, Redis, one call at a time, separate CPUs', sequential),
    ...latencyRows('L2 hit, Redis, one call at a time, one CPU', oneCpu.sequential),
    ...timingRows(
      `L2 hit, Redis, ${CONCURRENCY} calls in flight, one CPU (ns per call, from batches; last column: / raw GET)`,
      oneCpu.concurrent,
      (m) => (m.ns.median / concurrentRawGet).toFixed(2),
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

function oneCpuRatios(summary: SuiteResult): string {
  const { hit_vs_raw_get: tier, raw_get_parse_vs_raw_get: parse } = summary.l2_one_cpu as { hit_vs_raw_get: number; raw_get_parse_vs_raw_get: number };
  return `${tier}, where raw GET + JSON.parse alone is ${parse}`;
}

/**
 * Prints the timing table, the stampede table, the notes and one verdict line per target.
 *
 * @param results what the suite measured
 * @param summary the JSON summary built from it
 */
export function report(results: CacheMeasurements, summary: SuiteResult): void {
  const notes = [L1_NOTE, ...L2_NOTES.map((note) => note.replace('{bytes}', String(results.payloadBytes))), ...pinningNotes(results.l2)];
  const ratios = [
    'l1_hit_vs_cache_manager = bulwark getOrSet hits/s / cache-manager wrap hits/s (higher is better);',
    'l2_hit_vs_raw_get = bulwark, Redis tier / raw ioredis GET, one call at a time, separate CPUs (lower is better);',
    `l2_one_cpu.hit_vs_raw_get is the same on one CPU: ${oneCpuRatios(summary)}.`,
  ];
  console.log([timingTable(results), '', stampedeTable(results.stampedes), '', ...notes, ...ratios, '', ...verdicts(summary)].join('\n'));
}
