import type { DemoSystem } from './demo-system.js';
import type { Timeline } from './timeline.js';

/** One row of the summary: what a step claimed, what happened, and whether that is the claim. */
export interface StepResult {
  readonly step: string;
  readonly expected: string;
  readonly observed: string;
  readonly ok: boolean;
}

/** A row for a step that did not run, and why. */
export interface SkippedStep {
  readonly step: string;
  readonly reason: string;
}

/** What every step gets: the running system and the timeline to print to. */
export interface DemoContext {
  readonly system: DemoSystem;
  readonly timeline: Timeline;
}

/** A step of the scenario: runs against the system, prints as it goes, and returns its summary rows. */
export interface DemoStep {
  /** The heading in the timeline. */
  readonly title: string;
  /** Its name in the summary, when it is skipped. */
  readonly name: string;
  /**
   * When it runs: `any`; `redis` (several replicas sharing Redis: skipped without redis-server);
   * `no-redis` (the one-replica stand-in for a `redis` step).
   */
  readonly needs: 'any' | 'redis' | 'no-redis';
  run(context: DemoContext): Promise<StepResult[]>;
}

/**
 * Builds a summary row.
 *
 * @param step the row's name
 * @param expected the claim
 * @param observed what was seen
 * @param ok whether it matches the claim
 * @returns the row
 */
export function result(step: string, expected: string, observed: string, ok: boolean): StepResult {
  return { step, expected, observed, ok };
}
