import { DEMO_TIMINGS } from './demo.settings.js';
import { DemoSystem } from './demo-system.js';
import { catalogAcrossReplicasStep, catalogOneReplicaStep } from './steps/catalog.step.js';
import { failoverStep } from './steps/failover.step.js';
import { normalTrafficStep } from './steps/normal-traffic.step.js';
import { outageStep } from './steps/outage.step.js';
import { recoveryStep } from './steps/recovery.step.js';
import { reportAcrossReplicasStep, reportOneReplicaStep } from './steps/report.step.js';
import type { DemoStep, SkippedStep, StepResult } from './step.types.js';
import { summaryTable, verdict } from './summary.js';
import { Timeline } from './timeline.js';

/** The scenario, in order. */
export const DEMO_STEPS: readonly DemoStep[] = [
  normalTrafficStep,
  outageStep,
  recoveryStep,
  catalogAcrossReplicasStep,
  catalogOneReplicaStep,
  reportAcrossReplicasStep,
  reportOneReplicaStep,
  failoverStep,
];

/** How the scenario ended. */
export interface ScenarioOutcome {
  readonly results: readonly StepResult[];
  readonly skipped: readonly SkippedStep[];
  /** 0 when every check that ran behaved as claimed, 1 otherwise (or when the system did not start). */
  readonly exitCode: number;
}

/**
 * Runs the demo: starts the system, runs every step that applies, prints the timeline and the
 * summary, and stops everything it started, whatever happens.
 *
 * @param print where the lines go
 * @param system the processes to run it on
 * @returns the checks, the skipped steps and the exit code
 */
export async function runScenario(print: (line: string) => void, system: DemoSystem = new DemoSystem()): Promise<ScenarioOutcome> {
  print('Bulwark demo: the sample system as real processes, then a scripted scenario against them.');
  try {
    await system.start();
    describeSystem(system, print);
    const { results, skipped } = await runSteps(system, new Timeline(print));
    print('');
    print('Summary');
    for (const line of summaryTable(results, skipped)) print(line);
    print('');
    print(verdict(results, skipped));
    return { results, skipped, exitCode: results.every((row) => row.ok) ? 0 : 1 };
  } catch (error) {
    print(`The demo stopped: ${error instanceof Error ? error.message : String(error)}`);
    return { results: [], skipped: [], exitCode: 1 };
  } finally {
    print('');
    print('Stopping the services and the throwaway Redis servers…');
    await system.stop();
    print('Stopped.');
  }
}

async function runSteps(system: DemoSystem, timeline: Timeline): Promise<{ results: StepResult[]; skipped: SkippedStep[] }> {
  const results: StepResult[] = [];
  const skipped: SkippedStep[] = [];
  let number = 0;
  for (const step of DEMO_STEPS) {
    if (step.needs === 'no-redis' && system.withRedis) continue;
    if (step.needs === 'redis' && !system.withRedis) {
      skipped.push({ step: step.name, reason: 'needs replicas sharing Redis, and redis-server did not start' });
      continue;
    }
    timeline.step(`${++number}. ${step.title}`);
    try {
      results.push(...(await step.run({ system, timeline })));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      timeline.note(`failed: ${message}`);
      results.push({ step: step.title, expected: 'runs', observed: `threw: ${message}`, ok: false });
    }
  }
  return { results, skipped };
}

function describeSystem(system: DemoSystem, print: (line: string) => void): void {
  const t = DEMO_TIMINGS;
  if (system.withRedis) {
    print(`  redis-server       ${system.redis.map(({ port }) => `127.0.0.1:${port}`).join(', ')} (throwaway, no persistence)`);
    print(`                     the first holds the caches and the reports (REDIS_URL); all three are the Redlock nodes (LOCK_REDIS_URLS)`);
  } else {
    print(`  redis-server       not started: ${system.redisMissing ?? 'unavailable'}`);
    print('                     one order-service replica on memory caches and an in-process lock; the multi-replica steps are skipped');
  }
  print(`  inventory-service  ${system.inventoryUrl}`);
  for (const replica of system.orders) print(`  order-service      ${replica.url}  ${replica.id} (pid ${replica.process.pid})`);
  print(
    `  timings            circuit open ${t.openDurationMs / 1_000} s, stock fresh ${t.stockTtlMs / 1_000} s, ` +
      `election lease ${t.leaseMs / 1_000} s / retry ${t.retryPeriodMs} ms, report every second (set through the environment)`,
  );
}
