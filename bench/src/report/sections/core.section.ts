import { barChart } from '../bar.chart.js';
import { markdownTable } from '../markdown.js';
import { image, num, provenance, targetsTable, type Chart, type Section } from '../section.js';
import type { ResultFile } from '../../harness/result.file.js';

/** The fields of the core suite's summary this page reads. */
interface CoreSummary {
  raw_ns: number;
  bulwark_overhead_ns: number;
  cockatiel_overhead_ns: number;
  opossum_overhead_ns: number;
  breaker_only_overhead_ns: { bulwark: number; cockatiel: number; opossum: number; opossum_no_timeout: number };
  open_rejection_ns_by_library: { bulwark: number; cockatiel: number; opossum: number };
  samples: number;
  batch: number;
}

/**
 * The core suite: per-call overhead of retry + breaker against cockatiel and opossum.
 *
 * @param result the saved result of `npm run bench -- core`
 * @returns the section and its chart
 */
export function coreSection(result: ResultFile): Section {
  const s = result.summary as unknown as CoreSummary;
  const rows: Array<[string, number, number, number]> = [
    ['retry + breaker, overhead per call (ns)', s.bulwark_overhead_ns, s.cockatiel_overhead_ns, s.opossum_overhead_ns],
    ['breaker alone, overhead per call (ns)', s.breaker_only_overhead_ns.bulwark, s.breaker_only_overhead_ns.cockatiel, s.breaker_only_overhead_ns.opossum],
    ['call refused by an open breaker (ns)', s.open_rejection_ns_by_library.bulwark, s.open_rejection_ns_by_library.cockatiel, s.open_rejection_ns_by_library.opossum],
  ];
  const chart: Chart = {
    file: 'core.svg',
    alt: 'core: per-call overhead of Bulwark, cockatiel and opossum',
    svg: barChart({
      title: 'Per-call cost (lower is better)',
      unit: 'nanoseconds per awaited call (median); overheads are over a bare await, refusals whole',
      series: ['Bulwark', 'cockatiel 3.2.1', 'opossum 9.0.0'],
      groups: rows.map(([label, ...values]) => ({ label: label.replace(/ \(ns\)$/, ''), values })),
    }),
  };
  const markdown = [
    '### core: Bulwark vs cockatiel and opossum',
    provenance(result),
    `Medians of ${s.samples} interleaved samples of ${num(s.batch)} calls; a bare \`await fn()\` costs ${num(s.raw_ns)} ns.`,
    markdownTable(['', 'Bulwark:', 'cockatiel:', 'opossum:'], rows.map(([label, ...values]) => [label, ...values.map((v) => num(v))])),
    `opossum's breaker without its per-call timeout timer: ${num(s.breaker_only_overhead_ns.opossum_no_timeout)} ns.`,
    targetsTable(result.summary),
    image(chart),
  ];
  return { markdown: markdown.join('\n\n'), charts: [chart] };
}
