import { barChart } from '../bar.chart.js';
import { markdownTable } from '../markdown.js';
import { image, num, provenance, targetsTable, type Chart, type Section } from '../section.js';
import type { ResultFile } from '../../harness/result.file.js';

/** The fields of the nest suite's summary this page reads. */
interface NestSummary {
  raw_ns: number;
  core_ns: number;
  decorated_ns: number;
  decorator_vs_core: number;
}

/**
 * The nest suite: a decorated service method against the same core policies called directly.
 *
 * @param result the saved result of `npm run bench -- nest`
 * @returns the section and its chart
 */
export function nestSection(result: ResultFile): Section {
  const s = result.summary as unknown as NestSummary;
  const rows: Array<[string, number]> = [
    ['raw method', s.raw_ns],
    ['core policies, called directly', s.core_ns],
    ['@Retry + @CircuitBreaker method', s.decorated_ns],
  ];
  const chart: Chart = {
    file: 'nest.svg',
    alt: 'nest: decorated method vs core policies called directly',
    svg: barChart({
      title: 'Retry + breaker through decorators vs by hand (lower is better)',
      unit: 'nanoseconds per awaited call (median)',
      series: ['median'],
      groups: rows.map(([label, value]) => ({ label, values: [value] })),
    }),
  };
  const markdown = [
    '### nest: decorators vs the core by hand',
    provenance(result),
    markdownTable(['call', 'ns per call:'], rows.map(([label, value]) => [label, num(value)])),
    targetsTable(result.summary),
    image(chart),
  ];
  return { markdown: markdown.join('\n\n'), charts: [chart] };
}
