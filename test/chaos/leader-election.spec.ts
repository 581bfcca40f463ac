import { describe, expect, it } from 'vitest';
import { checkElection } from './election/election-checks.js';
import { nemesisSchedule, runSchedule } from './election/election-faults.js';
import { ElectionHarness } from './election/election-harness.js';
import { LOCK_NODES, WORKERS, useElectionServers } from './election/election-setup.js';
import { scenarioRandom } from './support/chaos-random.js';
import { saveScenarioResult, total } from './support/chaos-results.js';
import { chaosDuration } from './support/chaos-settings.js';
import { monotonicMs } from './support/monotonic-time.js';

/** At least 60 s of faults in CI, 10 minutes with `--long`. */
const NEMESIS_MS = chaosDuration(60_000, 600_000);

describe(`scenario 2: leader election, ${WORKERS} worker processes over ${LOCK_NODES} Redis nodes, under a seeded nemesis`, () => {
  const servers = useElectionServers();

  it('never lets a stale leader write, never has two unpaused leaders, fails over within the bound, and ends with one leader', async () => {
    const started = performance.now();
    const { seed, random } = scenarioRandom('leader-election');
    const harness = await ElectionHarness.start(servers.options('nemesis'));
    try {
      const schedule = nemesisSchedule(random, LOCK_NODES, 1_000);
      await runSchedule(harness, schedule, random, monotonicMs() + NEMESIS_MS);
      const run = await harness.finish();
      const violations = checkElection(run);
      const failoverMs = run.failovers.map(({ faultAt, electedAt }) => (electedAt ?? Infinity) - faultAt);
      const zombies = run.attempts.filter((attempt) => !attempt.accepted);
      await saveScenarioResult(
        {
          number: 2,
          id: 'leader-election',
          title: 'Leader-election nemesis',
          seed,
          faults: harness.faults,
          calls: run.attempts.length,
          failedCalls: zombies.length,
          failovers: { count: run.failovers.length, longestMs: Math.round(Math.max(0, ...failoverMs)), boundMs: run.failoverBoundMs },
          violations: violations.map(({ kind, detail }) => `${kind}: ${detail}`),
          measurements: {
            'terms': run.terms.length,
            'writes accepted': run.attempts.length - zombies.length,
            'stale writes refused by fencing': zombies.length,
            'terms of paused leaders': run.terms.filter((term) => term.paused).length,
          },
        },
        started,
      );
      expect(violations).toEqual([]);
      expect(total(harness.faults)).toBeGreaterThan(5);
      expect(run.failovers.length).toBeGreaterThan(2);
    } finally {
      await harness.dispose();
    }
  }, NEMESIS_MS + 180_000);
});
