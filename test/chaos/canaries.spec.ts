import { describe, expect, it } from 'vitest';
import { checkElection, type ViolationKind } from './election/election-checks.js';
import { divergingMajoritiesSchedule, pauseSchedule, runSchedule, type ElectionFault } from './election/election-faults.js';
import { ElectionHarness, type ElectionHarnessOptions } from './election/election-harness.js';
import { LOCK_NODES, useElectionServers } from './election/election-setup.js';
import { scenarioRandom, type ChaosRandom } from './support/chaos-random.js';
import { saveScenarioResult, type CanaryResult } from './support/chaos-results.js';

interface Canary {
  readonly name: string;
  /** The protection removed. */
  readonly without: Partial<ElectionHarnessOptions>;
  /** Faults that need the protection. */
  readonly schedule: (random: ChaosRandom) => ElectionFault[];
  /** The violation the suite must then report. */
  readonly caught: ViolationKind;
}

const CANARIES: readonly Canary[] = [
  {
    name: 'fencing check off at the resource',
    without: { fencing: false },
    schedule: (random) => pauseSchedule(random, 2),
    caught: 'accepted-token-decreased',
  },
  {
    name: 'naive tokens: the largest of a per-node INCR',
    without: { tokens: 'naive' },
    schedule: (random) => divergingMajoritiesSchedule(random, LOCK_NODES),
    caught: 'term-token-not-increasing',
  },
];

describe('scenario 3: canaries, the election harness with one protection removed at a time', () => {
  const servers = useElectionServers();
  const started = performance.now();
  const { seed, random } = scenarioRandom('canaries');
  const canaries: CanaryResult[] = [];
  const controlViolations: string[] = [];
  const faults: Record<string, number> = {};
  const calls = { made: 0, refused: 0 };
  let runs = 0;

  /** Runs the harness on a schedule; returns what the checks found. */
  async function run(options: ElectionHarnessOptions, schedule: readonly ElectionFault[], pauses: ChaosRandom): Promise<ReturnType<typeof checkElection>> {
    const harness = await ElectionHarness.start(options);
    try {
      await runSchedule(harness, schedule, pauses);
      const observed = await harness.finish();
      for (const [kind, count] of Object.entries(harness.faults)) faults[kind] = (faults[kind] ?? 0) + count;
      calls.made += observed.attempts.length;
      calls.refused += observed.attempts.filter((attempt) => !attempt.accepted).length;
      return checkElection(observed);
    } finally {
      await harness.dispose();
    }
  }

  it.each(CANARIES)('$name: reports $caught, while the same schedule with the protection on reports nothing', async (canary) => {
    const schedule = canary.schedule(random.fork(canary.name));
    // The same faults and the same pauses between them, with the protection on, then off.
    const control = await run(servers.options(`control-${++runs}`), schedule, random.fork(`pauses of ${canary.name}`));
    const removed = await run(servers.options(`canary-${++runs}`, canary.without), schedule, random.fork(`pauses of ${canary.name}`));

    controlViolations.push(...control.map(({ kind, detail }) => `${canary.name}, control run: ${kind}: ${detail}`));
    const example = removed.find((violation) => violation.kind === canary.caught);
    canaries.push({ name: canary.name, triggered: example !== undefined, violations: removed.length, example: example && `${example.kind}: ${example.detail}` });
    await saveScenarioResult(
      { number: 3, id: 'canaries', title: 'Canaries', seed, faults, calls: calls.made, failedCalls: calls.refused, violations: controlViolations, canaries, measurements: { 'harness runs': runs } },
      started,
    );
    expect(control).toEqual([]);
    expect(removed.map((violation) => violation.kind)).toContain(canary.caught);
  }, 180_000);
});
