import { measure, type Candidate, type Measurement } from '../harness/measure.js';
import { significant } from '../harness/stats.js';
import type { Suite, SuiteOptions, SuiteResult } from '../harness/suite.js';
import { formatNs, formatTable } from '../harness/table.js';
import { bulwarkSubjects } from './core/bulwark.subjects.js';
import { cockatielSubjects } from './core/cockatiel.subjects.js';
import { opossumSubjects } from './core/opossum.subjects.js';

/** What Bulwark must beat: overhead ratios (lower is better) and the cost of a refused call. */
const TARGETS = { overhead_vs_cockatiel: 1.0, overhead_vs_opossum: 0.5, open_rejection_ns: 1000 } as const;

/** Table sections, in print order; each row names a candidate. */
const SECTIONS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['retry (3 attempts) + circuit breaker, CLOSED, succeeding', ['raw', 'bulwark', 'cockatiel', 'opossum*']],
  ['circuit breaker only, CLOSED, succeeding', ['bulwark breaker', 'cockatiel breaker', 'opossum breaker', 'opossum breaker, timeout: false']],
  ['open circuit: await execute(fn).catch(() => {})', ['bulwark open', 'cockatiel open', 'opossum open']],
];

const NOTES = [
  '* opossum has no retry: its row is a minimal loop (up to 3 attempts, try { return await breaker.fire() }) around the breaker.',
  'opossum runs on its defaults, which arm and clear a setTimeout per call (timeout: 10 s); the "timeout: false" row shows it without.',
  'Open breakers: bulwark and cockatiel isolate(), opossum open() (resetTimeout 1 h, so it stays open for the run).',
  'overhead = median(candidate) - median(raw). Lower is better; a ratio below 1 means Bulwark adds less than the peer.',
];

/** The protected operation: an async function that resolves at once, so the policies' cost shows. */
async function fn(): Promise<number> {
  return 42;
}

/** Prints the results table, the notes and the verdict on each target. */
function report(byName: Map<string, Measurement>, summary: SuiteResult): void {
  const raw = byName.get('raw')!.ns.median;
  const rows = SECTIONS.flatMap(([title, names]) => [
    [title],
    ...names.map((name) => {
      const { median, p25, p75 } = byName.get(name)!.ns;
      return ['  ' + name, formatNs(median), formatNs(p25), formatNs(p75), name === 'raw' ? '' : formatNs(median - raw)];
    }),
  ]);
  const columns = [
    { header: 'candidate (ns per awaited call)' },
    { header: 'median', align: 'right' },
    { header: 'p25', align: 'right' },
    { header: 'p75', align: 'right' },
    { header: 'overhead', align: 'right' },
  ] as const;
  const verdicts = (Object.keys(TARGETS) as Array<keyof typeof TARGETS>).map((key) => {
    const value = summary[key] as number;
    return `${key.padEnd(22)} ${String(value).padStart(7)}  target <= ${TARGETS[key]}  ${value <= TARGETS[key] ? 'met' : 'MISSED'}`;
  });
  console.log([formatTable(columns, rows), '', ...NOTES, '', ...verdicts].join('\n'));
}

/** Builds the JSON summary from the medians. */
function summarize(byName: Map<string, Measurement>, samples: number, batch: number): SuiteResult {
  const median = (name: string): number => byName.get(name)!.ns.median;
  const overhead = (name: string): number => median(name) - median('raw');
  const ns = (value: number): number => Math.round(value);
  const ratio = (value: number): number => significant(value, 3);
  return {
    suite: 'core',
    overhead_vs_cockatiel: ratio(overhead('bulwark') / overhead('cockatiel')),
    overhead_vs_opossum: ratio(overhead('bulwark') / overhead('opossum*')),
    open_rejection_ns: ns(median('bulwark open')),
    raw_ns: ns(median('raw')),
    bulwark_ns: ns(median('bulwark')),
    cockatiel_ns: ns(median('cockatiel')),
    opossum_ns: ns(median('opossum*')),
    bulwark_overhead_ns: ns(overhead('bulwark')),
    cockatiel_overhead_ns: ns(overhead('cockatiel')),
    opossum_overhead_ns: ns(overhead('opossum*')),
    breaker_only_overhead_ns: {
      bulwark: ns(overhead('bulwark breaker')),
      cockatiel: ns(overhead('cockatiel breaker')),
      opossum: ns(overhead('opossum breaker')),
      opossum_no_timeout: ns(overhead('opossum breaker, timeout: false')),
    },
    open_rejection_ns_by_library: {
      bulwark: ns(median('bulwark open')),
      cockatiel: ns(median('cockatiel open')),
      opossum: ns(median('opossum open')),
    },
    targets: TARGETS,
    samples,
    batch,
    node: process.version,
  };
}

/** Shows progress on stderr, which keeps stdout to the table and the JSON line. */
function progress(round: number, rounds: number): void {
  if (process.stderr.isTTY) process.stderr.write(`\rcore: round ${round}/${rounds}${round === rounds ? '\n' : ''}`);
  else if (round === rounds) process.stderr.write(`core: ${rounds} rounds done\n`);
}

/**
 * The core suite: Bulwark's retry + circuit breaker against cockatiel and opossum, per call on the
 * success path, breakers alone, and the cost of a call an open breaker refuses.
 *
 * @example
 * const result = await coreSuite.run({ samples: 10 });
 */
export const coreSuite: Suite = {
  async run(options: SuiteOptions): Promise<SuiteResult> {
    const { samples = 40, batch = 20_000 } = options;
    const bulwark = bulwarkSubjects(fn);
    const cockatiel = cockatielSubjects(fn);
    const opossum = opossumSubjects(fn);
    const libraries = [bulwark, cockatiel, opossum];
    const candidates: Candidate[] = [
      { name: 'raw', op: fn },
      { name: 'bulwark', op: bulwark.stack },
      { name: 'cockatiel', op: cockatiel.stack },
      { name: 'opossum*', op: opossum.stack },
      { name: 'bulwark breaker', op: bulwark.breaker },
      { name: 'cockatiel breaker', op: cockatiel.breaker },
      { name: 'opossum breaker', op: opossum.breaker },
      { name: 'opossum breaker, timeout: false', op: opossum.breakerWithoutTimeout },
      { name: 'bulwark open', op: bulwark.openRejection },
      { name: 'cockatiel open', op: cockatiel.openRejection },
      { name: 'opossum open', op: opossum.openRejection },
    ];
    for (const library of libraries) await library.verify();
    process.stderr.write(`core: ${candidates.length} candidates, ${samples} samples of ${batch} calls each\n`);
    const measured = await measure(candidates, { samples, batch, onRound: progress });
    // Verified again after timing: a breaker that changed state mid-run would make the numbers lie.
    for (const library of libraries) await library.verify();
    libraries.forEach((library) => library.dispose());
    const byName = new Map(measured.map((m) => [m.name, m]));
    const summary = summarize(byName, samples, batch);
    report(byName, summary);
    return summary;
  },
};
