import { barChart } from '../bar.chart.js';
import { lineChart } from '../line.chart.js';
import { markdownTable } from '../markdown.js';
import { image, num, provenance, targetsTable, type Chart, type Section } from '../section.js';
import type { ResultFile } from '../../harness/result.file.js';

/** What the storm suite reports per strategy. */
interface Outcome {
  outage_requests: number;
  outage_rps: number;
  recovery_s: number | null;
  success_rate: number;
  calls: number;
}

/** The fields of the storm suite's result this page reads. */
interface StormResult {
  strategies: Record<string, Outcome>;
  scenario: { clients: number; capacityPerSecond: number; offeredPerSecond: number; outageMs: number; warmupMs: number; afterMs: number };
}

/** The per-bucket series the storm suite saves as details. */
interface StormDetails {
  bucket_ms: number;
  outage_s: number;
  series: Record<string, { startS: number; accepted: number[]; rejected: number[] }>;
}

/** Bulwark in the first palette colour, the others apart from it. */
const COLORS: Readonly<Record<string, string>> = { no_retry: '#999999', naive: '#D55E00', backoff: '#E69F00', bulwark: '#0072B2' };

const LABELS: Readonly<Record<string, string>> = {
  no_retry: 'no retry',
  naive: 'naive retries (3, at once)',
  backoff: 'backoff + full jitter (retry alone)',
  bulwark: 'Bulwark full stack',
};

function timeline(details: StormDetails, capacity: number): Chart {
  const perSecond = 1_000 / details.bucket_ms;
  const series = Object.entries(details.series).map(([key, s]) => ({
    label: LABELS[key] ?? key,
    color: COLORS[key],
    points: s.accepted.map((accepted, i) => [s.startS + (i * details.bucket_ms) / 1_000, (accepted + s.rejected[i]) * perSecond] as const),
  }));
  return {
    file: 'storm-timeline.svg',
    alt: 'storm: requests per second reaching the dependency, by strategy',
    svg: lineChart({
      title: 'Requests reaching the dependency',
      xLabel: 'seconds from the start of the outage',
      yLabel: `requests per second (${details.bucket_ms} ms buckets)`,
      series,
      shade: { from: 0, to: details.outage_s, label: 'outage: 503 for everything' },
      reference: { y: capacity, label: `capacity ${capacity} req/s` },
    }),
  };
}

/**
 * The storm suite: what four client strategies do to a dependency through an outage.
 *
 * @param result the saved result of `npm run bench -- storm`
 * @returns the section and its charts
 */
export function stormSection(result: ResultFile): Section {
  const s = result.summary as unknown as StormResult;
  const keys = Object.keys(s.strategies);
  const naive = s.strategies.naive?.outage_requests ?? 0;
  const rows = keys.map((key) => {
    const o = s.strategies[key];
    const recovery = o.recovery_s === null ? 'not within the run' : num(o.recovery_s, 2);
    return [LABELS[key] ?? key, num(o.outage_requests), num(o.outage_rps), naive ? num(o.outage_requests / naive, 3) : '-', recovery, `${num(o.success_rate * 100, 1)} %`, num(o.calls)];
  });
  const outage: Chart = {
    file: 'storm-outage.svg',
    alt: 'storm: requests that reached the dependency during the outage, by strategy',
    svg: barChart({
      title: `Requests that reached the dependency during the ${s.scenario.outageMs / 1_000} s outage`,
      unit: 'requests',
      series: ['requests'],
      groups: keys.map((key) => ({ label: LABELS[key] ?? key, values: [s.strategies[key].outage_requests] })),
    }),
  };
  const charts = [outage, timeline(result.details as StormDetails, s.scenario.capacityPerSecond)];
  const { clients, capacityPerSecond, offeredPerSecond, warmupMs, outageMs, afterMs } = s.scenario;
  const markdown = [
    '### storm: the retry-storm simulation',
    provenance(result),
    `${clients} clients offer ~${offeredPerSecond} calls/s to a dependency serving ${capacityPerSecond} req/s; ${warmupMs / 1_000} s healthy, ${outageMs / 1_000} s down, ${afterMs / 1_000} s after the heal.`,
    markdownTable(['strategy', 'requests during outage:', 'req/s:', 'vs naive:', 'recovery (s):', 'client success:', 'calls:'], rows),
    targetsTable(result.summary),
    ...charts.map(image),
  ];
  return { markdown: markdown.join('\n\n'), charts };
}
