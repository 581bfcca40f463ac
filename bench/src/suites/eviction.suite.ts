import { significant } from '../harness/stats.js';
import type { Suite, SuiteOptions, SuiteResult } from '../harness/suite.js';
import { formatTable } from '../harness/table.js';
import { beladyHits } from './eviction/belady.optimal.js';
import { LfuReference } from './eviction/lfu.reference.js';
import { LruReference } from './eviction/lru.reference.js';
import { replayMemoryStore } from './eviction/memory-store.replay.js';
import { replay } from './eviction/replacement.policy.js';
import { zipfTrace } from './eviction/zipf.trace.js';

/** The trace: 1M requests over 100k keys, Zipf(0.99), cache at 1 % of the key space. */
const FULL = { keys: 100_000, requests: 1_000_000, capacityShare: 0.01 } as const;
/** `--tiny`: the same shape, 50 times smaller. */
const TINY = { keys: 2_000, requests: 20_000, capacityShare: 0.01 } as const;
const ZIPF_S = 0.99;
const SEED = 20_240_601;

/** One policy's outcome over the trace. */
interface Row {
  readonly key: 'bulwark_l1' | 'lru' | 'lfu' | 'belady';
  readonly label: string;
  readonly hits: number;
}

/** Prints one row per policy: hits, hit ratio and its fraction of Bélády's. */
function report(rows: readonly Row[], requests: number, beladyRatio: number): void {
  const columns = [
    { header: 'policy' },
    { header: 'hits', align: 'right' },
    { header: 'hit ratio', align: 'right' },
    { header: 'of Bélády', align: 'right' },
  ] as const;
  const cells = rows.map((row) => {
    const ratio = row.hits / requests;
    return [row.label, row.hits.toLocaleString('en-US'), ratio.toFixed(4), (ratio / beladyRatio).toFixed(3)];
  });
  const notes = [
    'Hit ratio over every request of the trace, cold start included; each policy replays the same trace.',
    "Bélády's optimal (MIN) is computed offline: it evicts the key requested farthest in the future, the ceiling for any policy.",
    'bulwark L1 is MemoryCacheStore (lru-cache inside) driven through get/set; it should match the LRU reference exactly.',
  ];
  console.log([formatTable(columns, cells), '', ...notes].join('\n'));
}

/**
 * The eviction suite: the L1 hit ratio of Bulwark's `MemoryCacheStore` on a seeded Zipf(0.99) key
 * trace with capacity at 1 % of the key space, against plain LRU, LFU and Bélády's offline optimum.
 *
 * @example
 * const result = await evictionSuite.run({});
 */
export const evictionSuite: Suite = {
  async run(options: SuiteOptions): Promise<SuiteResult> {
    const { keys, requests, capacityShare } = options.tiny ? TINY : FULL;
    const capacity = Math.max(1, Math.round(keys * capacityShare));
    process.stderr.write(`eviction: Zipf(${ZIPF_S}), ${requests} requests over ${keys} keys, capacity ${capacity}\n`);
    const trace = zipfTrace({ keys, requests, s: ZIPF_S, seed: SEED });
    const rows: Row[] = [
      { key: 'bulwark_l1', label: 'bulwark L1 (MemoryCacheStore)', hits: await replayMemoryStore(trace, capacity) },
      { key: 'lru', label: 'LRU (reference)', hits: replay(new LruReference(capacity), trace) },
      { key: 'lfu', label: 'LFU (reference, in-cache counts)', hits: replay(new LfuReference(capacity), trace) },
      { key: 'belady', label: "Bélády's optimal (offline)", hits: beladyHits(trace, keys, capacity) },
    ];
    const ratio = (row: Row): number => row.hits / requests;
    const belady = ratio(rows[3]);
    report(rows, requests, belady);
    const of = (key: Row['key']): number => significant(ratio(rows.find((row) => row.key === key)!) / belady, 4);
    return {
      suite: 'eviction',
      bulwark_l1_vs_belady: of('bulwark_l1'),
      lru_vs_belady: of('lru'),
      lfu_vs_belady: of('lfu'),
      hit_ratio: Object.fromEntries(rows.map((row) => [row.key, significant(ratio(row), 4)])),
      requests,
      keys,
      capacity,
      zipf_s: ZIPF_S,
      seed: SEED,
      node: process.version,
    };
  },
};
