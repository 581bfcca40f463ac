import type { BulwarkModuleOptions } from '@bulwark/nestjs';
import { afterAll, describe, expect, it } from 'vitest';
import { scenarioRandom } from './support/chaos-random.js';
import { saveScenarioResult, type CanaryResult } from './support/chaos-results.js';
import { chaosDuration } from './support/chaos-settings.js';
import { CallMonitor, startDependencyApp } from './support/dependency-client.app.js';
import { FlappingDependency, flappingSchedule, type DependencyPhase } from './support/flapping-dependency.js';
import { driveLoad } from './support/load-loop.js';

const CALLERS = 20;
const HALF_OPEN_PROBES = 3;
const TIMEOUT_MS = 200;
const BUDGET = { ratio: 0.1, minRetriesPerSecond: 2, window: '1s' } as const;
const FLAPPING_MS = chaosDuration(8_000, 60_000);
const RECOVERY_MS = 2_500;
/** Modes in which every attempt fails: where a retry storm would show. */
const FAILING = ['down', 'slow'] as const;

/** The `dependency` policies: the sample's composition, scaled to this scenario. */
const PROTECTED: BulwarkModuleOptions = {
  circuitBreakers: {
    dependency: { consecutiveFailures: 5, window: { type: 'count', size: 20 }, minimumCalls: 10, failureRateThreshold: 0.5, openDuration: 300, halfOpenProbes: HALF_OPEN_PROBES },
  },
  retries: { dependency: { maxAttempts: 3, backoff: 'exponential', delay: '10ms', maxDelay: '100ms', jitter: 'full', budget: BUDGET } },
  timeouts: { dependency: TIMEOUT_MS },
};

/** The canary: the same retries with neither a breaker that can open nor a retry budget. */
const UNPROTECTED: BulwarkModuleOptions = {
  circuitBreakers: { dependency: { window: { type: 'count', size: 1_000_000 }, minimumCalls: 1_000_000, failureRateThreshold: 1 } },
  retries: { dependency: { maxAttempts: 3, backoff: 'exponential', delay: '10ms', maxDelay: '100ms', jitter: 'full' } },
  timeouts: { dependency: TIMEOUT_MS },
};

/** What one run through the flapping schedule saw. */
interface FlappingRun {
  readonly calls: number;
  readonly failures: number;
  readonly retries: number;
  readonly reached: number;
  /** Calls started, and requests that reached the dependency, while every attempt failed. */
  readonly failingCalls: number;
  readonly failingReached: number;
  readonly failingMs: number;
  readonly probesByEpisode: readonly number[];
  readonly failuresAtTheEnd: number;
  readonly elapsedMs: number;
}

/** Retries the budget allows over a run: a ratio of the calls, plus a floor per second over the run and one window. */
const allowedRetries = (calls: number, ms: number): number => BUDGET.ratio * calls + BUDGET.minRetriesPerSecond * (ms / 1_000 + 1);

/** A storm: while the dependency fails, more requests reach it than the calls made, plus what the budget allows. */
const stormOf = (run: FlappingRun): string | undefined =>
  run.failingReached > run.failingCalls + allowedRetries(run.failingCalls, run.failingMs)
    ? `retry storm: ${run.failingReached} requests reached the failing dependency for ${run.failingCalls} calls`
    : undefined;

describe('scenario 4: a flapping dependency behind @Retry, @CircuitBreaker and @Timeout', () => {
  const started = performance.now();
  const { seed, random } = scenarioRandom('flapping-dependency');
  const schedule = flappingSchedule(random.fork('schedule'), FLAPPING_MS, RECOVERY_MS, TIMEOUT_MS * 2.5);
  const runs = new Map<string, FlappingRun>();
  const canaries: CanaryResult[] = [];
  const violations: string[] = [];

  async function run(label: string, options: BulwarkModuleOptions, phases: readonly DependencyPhase[]): Promise<FlappingRun> {
    const dependency = new FlappingDependency(random.fork(`answers of ${label}`));
    const monitor = new CallMonitor(await dependency.start());
    const { app, client, retries } = await startDependencyApp(monitor, options);
    const begin = performance.now();
    let done = false;
    try {
      const playing = dependency.play(phases).finally(() => (done = true));
      const recoveredAt = begin + phases.reduce((sum, phase) => sum + phase.durationMs, 0) - 500;
      // The last half second of the final healthy phase: every call must succeed again.
      const phase = (): string => (performance.now() >= recoveredAt ? 'recovered' : dependency.mode.kind);
      const load = await driveLoad({ callers: CALLERS, call: () => client.call(), phase, done: () => done, pauseMs: 20 });
      await playing;
      const result: FlappingRun = {
        calls: load.calls,
        failures: load.failures,
        retries: retries(),
        reached: dependency.requests,
        failingCalls: FAILING.reduce((sum, kind) => sum + (load.phases.get(kind)?.calls ?? 0), 0),
        failingReached: FAILING.reduce((sum, kind) => sum + (dependency.requestsByMode[kind] ?? 0), 0),
        failingMs: phases.filter((entry) => (FAILING as readonly string[]).includes(entry.mode.kind)).reduce((sum, entry) => sum + entry.durationMs, 0),
        probesByEpisode: monitor.probesByEpisode,
        failuresAtTheEnd: load.phases.get('recovered')?.failures ?? -1,
        elapsedMs: performance.now() - begin,
      };
      runs.set(label, result);
      return result;
    } finally {
      await app.close();
      await dependency.close();
    }
  }

  afterAll(async () => {
    const main = runs.get('protected');
    const kinds = ['down', 'flaky', 'slow'];
    await saveScenarioResult(
      {
        number: 4,
        id: 'flapping-dependency',
        title: 'Flapping dependency behind @CircuitBreaker',
        seed,
        faults: Object.fromEntries(kinds.map((kind) => [`dependency ${kind}`, schedule.filter((phase) => phase.mode.kind === kind).length])),
        calls: main?.calls ?? 0,
        failedCalls: main?.failures ?? 0,
        violations,
        canaries,
        measurements: main
          ? {
              'requests that reached the dependency': main.reached,
              'while it failed: calls / requests that reached it': `${main.failingCalls} / ${main.failingReached}`,
              'retries (the budget allows)': `${main.retries} (${Math.floor(allowedRetries(main.calls, main.elapsedMs))})`,
              'HALF_OPEN episodes': main.probesByEpisode.length,
              'most probes in one episode (permitted)': `${Math.max(0, ...main.probesByEpisode)} (${HALF_OPEN_PROBES})`,
            }
          : {},
      },
      started,
    );
  });

  it(`admits at most ${HALF_OPEN_PROBES} probes per HALF_OPEN, makes no retry storm, and recovers once it heals`, async () => {
    const result = await run('protected', PROTECTED, schedule);
    const tooManyProbes = result.probesByEpisode.filter((probes) => probes > HALF_OPEN_PROBES);
    if (tooManyProbes.length > 0) violations.push(`HALF_OPEN episodes with more than ${HALF_OPEN_PROBES} probes: ${tooManyProbes.join(', ')}`);
    const storm = stormOf(result);
    if (storm) violations.push(storm);
    if (result.retries > allowedRetries(result.calls, result.elapsedMs)) violations.push(`${result.retries} retries, more than the budget allows`);
    if (result.failuresAtTheEnd !== 0) violations.push(`${result.failuresAtTheEnd} calls failed after the dependency healed`);
    expect(violations).toEqual([]);
    expect(result.probesByEpisode.length).toBeGreaterThan(2);
    // Every request that reached the dependency was a first attempt or a retry: nothing else calls it.
    expect(result.reached).toBeLessThanOrEqual(result.calls + result.retries);
  }, FLAPPING_MS + 60_000);

  it('canary: with neither a breaker that opens nor a retry budget, the same flapping is reported as a retry storm', async () => {
    const storm = stormOf(await run('unprotected', UNPROTECTED, schedule));
    canaries.push({ name: 'breaker and retry budget removed', triggered: storm !== undefined, violations: storm ? 1 : 0, example: storm });
    expect(storm).toBeDefined();
  }, FLAPPING_MS + 60_000);
});
