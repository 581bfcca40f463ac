import { barChart } from '../bar.chart.js';
import { markdownTable } from '../markdown.js';
import { image, num, provenance, type Chart, type Section } from '../section.js';
import type { ResultFile } from '../../harness/result.file.js';

/** The fields of the eviction suite's summary this page reads. */
interface EvictionSummary {
  hit_ratio: Record<'bulwark_l1' | 'lru' | 'lfu' | 'belady', number>;
  requests: number;
  keys: number;
  capacity: number;
  zipf_s: number;
  seed: number;
}

const POLICIES = [
  ['bulwark_l1', 'Bulwark L1 (MemoryCacheStore)'],
  ['lru', 'LRU (reference)'],
  ['lfu', 'LFU (reference)'],
  ['belady', "Bélády's optimal (offline)"],
] as const;

/**
 * The eviction suite: L1 hit ratio on a Zipf trace against LRU, LFU and Bélády's optimum.
 *
 * @param result the saved result of `npm run bench -- eviction`
 * @returns the section and its chart
 */
export function evictionSection(result: ResultFile): Section {
  const s = result.summary as unknown as EvictionSummary;
  const belady = s.hit_ratio.belady;
  const chart: Chart = {
    file: 'eviction.svg',
    alt: "eviction: hit ratio of each policy, and as a fraction of Bélády's",
    svg: barChart({
      title: `Hit ratio on Zipf(${s.zipf_s}), cache at ${num((s.capacity / s.keys) * 100)} % of the keys (higher is better)`,
      unit: 'hit ratio (label: hit ratio, and share of the optimum)',
      series: ['hit ratio'],
      groups: POLICIES.map(([key, label]) => ({ label, values: [s.hit_ratio[key]] })),
      max: 1,
      axisFormat: (value) => value.toFixed(2),
      format: (value) => `${value.toFixed(3)}  (${((value / belady) * 100).toFixed(1)} % of optimal)`,
    }),
  };
  const rows = POLICIES.map(([key, label]) => [label, num(s.hit_ratio[key], 4), num(s.hit_ratio[key] / belady, 3)]);
  const markdown = [
    "### eviction: L1 hit ratio against Bélády's optimum",
    provenance(result),
    `${num(s.requests)} requests over ${num(s.keys)} keys (seed ${s.seed}), capacity ${num(s.capacity)} entries.`,
    markdownTable(['policy', 'hit ratio:', "of Bélády's:"], rows),
    image(chart),
  ];
  return { markdown: markdown.join('\n\n'), charts: [chart] };
}
