import { significant } from '../../harness/stats.js';
import type { SuiteResult } from '../../harness/suite.js';
import { formatTable } from '../../harness/table.js';
import { RECOVERY_RULE } from './storm.analysis.js';
import type { Scenario, StrategyOutcome } from './storm.run.js';
import { STRATEGIES, type StrategyKey } from './storm.strategies.js';

/** What the full stack must achieve: at most 5 % of naive's outage load, back within 2 s. */
export const TARGETS = { outage_requests_vs_naive: 0.05, recovery_s: 2 } as const;

/** The outcome of every strategy, by key. */
export type Outcomes = Readonly<Record<StrategyKey, StrategyOutcome>>;

const percent = (share: number): string => `${(share * 100).toFixed(1)} %`;

/**
 * Prints one row per strategy, the notes and the verdict on each target.
 *
 * @param outcomes every strategy's outcome
 * @param scenario the simulated world
 * @param summary the JSON summary, for the verdicts
 */
export function report(outcomes: Outcomes, scenario: Scenario, summary: SuiteResult): void {
  const naive = outcomes.naive.outage_requests;
  const rows = STRATEGIES.map(({ key, label }) => {
    const o = outcomes[key];
    return [
      label,
      o.outage_requests.toLocaleString('en-US'),
      String(o.outage_rps),
      naive === 0 ? '-' : (o.outage_requests / naive).toFixed(3),
      o.recovery_s === null ? 'not within run' : o.recovery_s.toFixed(2),
      percent(o.success_rate),
      o.calls.toLocaleString('en-US'),
    ];
  });
  const columns = [
    { header: 'strategy' },
    { header: 'outage requests', align: 'right' },
    { header: 'req/s', align: 'right' },
    { header: 'vs naive', align: 'right' },
    { header: 'recovery s', align: 'right' },
    { header: 'success', align: 'right' },
    { header: 'calls', align: 'right' },
  ] as const;
  const { bucketMs, maxRejectedShare, minAcceptedShare, sustainedBuckets } = RECOVERY_RULE;
  const notes = [
    `${scenario.clients} closed-loop clients offer ~${scenario.offeredPerSecond} calls/s to a loopback HTTP dependency serving ${scenario.capacityPerSecond} req/s (token bucket, burst ${scenario.burst}; the excess gets 503 at once).`,
    `Phases: ${scenario.warmupMs / 1_000} s healthy, ${scenario.outageMs / 1_000} s outage (503 for everything), ${scenario.afterMs / 1_000} s after the heal. One fresh dependency per strategy, strategies one after another.`,
    ...STRATEGIES.map(({ label, description }) => `${label}: ${description}.`),
    `outage requests: requests that reached the dependency while it was down. recovery: time from the heal to the first of ${sustainedBuckets} ${bucketMs} ms buckets in a row`,
    `  with <= ${maxRejectedShare * 100} % 503s and >= ${minAcceptedShare * 100} % of the pre-outage throughput served. success: calls that succeeded over the whole run.`,
  ];
  const verdicts = (Object.keys(TARGETS) as Array<keyof typeof TARGETS>).map((key) => {
    const value = summary[key] as number | null;
    const met = value !== null && value <= TARGETS[key];
    return `${key.padEnd(25)} ${String(value).padStart(7)}  target <= ${TARGETS[key]}  ${met ? 'met' : 'MISSED'}`;
  });
  console.log([formatTable(columns, rows), '', ...notes, '', ...verdicts].join('\n'));
}

/**
 * Builds the JSON summary: the two headline figures for the full stack, every strategy's
 * outcome, and the per-bucket series as `details` (saved, not printed).
 *
 * @param outcomes every strategy's outcome
 * @param scenario the simulated world
 * @returns the summary
 */
export function summarize(outcomes: Outcomes, scenario: Scenario): SuiteResult {
  const naive = outcomes.naive.outage_requests;
  const strategies = Object.fromEntries(
    STRATEGIES.map(({ key }) => {
      const { series: _series, ...outcome } = outcomes[key];
      return [key, { ...outcome, success_rate: significant(outcome.success_rate, 4) }];
    }),
  );
  return {
    suite: 'storm',
    outage_requests_vs_naive: naive === 0 ? null : significant(outcomes.bulwark.outage_requests / naive, 3),
    recovery_s: outcomes.bulwark.recovery_s,
    strategies,
    targets: TARGETS,
    scenario: { ...scenario },
    recovery_rule: RECOVERY_RULE,
    node: process.version,
    details: {
      bucket_ms: RECOVERY_RULE.bucketMs,
      outage_s: scenario.outageMs / 1_000,
      series: Object.fromEntries(STRATEGIES.map(({ key }) => [key, outcomes[key].series])),
    },
  };
}
