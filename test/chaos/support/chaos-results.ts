import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHAOS_LONG } from './chaos-settings.js';

/** Where each scenario saves its result; `report/write-reliability-report.ts` reads them. Not committed. */
export const RESULTS_DIR = fileURLToPath(new URL('../results/', import.meta.url));

/** A canary: the harness run with one protection removed, which must report violations. */
export interface CanaryResult {
  readonly name: string;
  /** Whether the run with the protection removed reported at least one violation. */
  readonly triggered: boolean;
  readonly violations: number;
  /** One violation it reported, to show what the suite catches. */
  readonly example?: string;
}

/** What one scenario did and found, as the reliability report shows it. */
export interface ScenarioResult {
  /** Its number in the issue, 1 to 6. */
  readonly number: number;
  /** A file-name-safe id, e.g. `leader-election`. */
  readonly id: string;
  readonly title: string;
  /** The run's seed: `CHAOS_SEED=<seed>` replays the same fault schedule. */
  readonly seed: number;
  /** Whether it ran the long profile. */
  readonly long: boolean;
  readonly finishedAt: string;
  readonly durationMs: number;
  /** Faults injected, by kind. */
  readonly faults: Readonly<Record<string, number>>;
  /** Calls made through the protected path (requests, cache reads, writes of the leader...). */
  readonly calls: number;
  /** Those that failed as a caller sees it. */
  readonly failedCalls: number;
  /** Leader changes forced by a fault, and the longest, against the bound. */
  readonly failovers?: { readonly count: number; readonly longestMs: number; readonly boundMs: number };
  /** Every violated property, described; the suite fails when there is one. */
  readonly violations: readonly string[];
  readonly canaries?: readonly CanaryResult[];
  /** Other measurements worth reporting, by name: p99 latency, heap before and after... */
  readonly measurements: Readonly<Record<string, string | number>>;
}

/** A result before the fields every scenario shares are filled in. */
export type ScenarioOutcome = Omit<ScenarioResult, 'long' | 'finishedAt' | 'durationMs'>;

/**
 * Saves a scenario's result as `results/<id>.json`.
 *
 * @param outcome what the scenario found
 * @param startedAt `performance.now()` when it started
 * @returns the saved result
 */
export async function saveScenarioResult(outcome: ScenarioOutcome, startedAt: number): Promise<ScenarioResult> {
  const result: ScenarioResult = { ...outcome, long: CHAOS_LONG, finishedAt: new Date().toISOString(), durationMs: Math.round(performance.now() - startedAt) };
  await mkdir(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `${result.id}.json`);
  // Written then renamed, so a report composed meanwhile never reads half a file.
  await writeFile(`${file}.${process.pid}.tmp`, `${JSON.stringify(result, null, 2)}\n`);
  await rename(`${file}.${process.pid}.tmp`, file);
  return result;
}

/**
 * @param dir where the results are @default RESULTS_DIR
 * @returns every saved result, by scenario number
 */
export async function loadScenarioResults(dir = RESULTS_DIR): Promise<ScenarioResult[]> {
  const files = (await readdir(dir).catch(() => [])).filter((file) => file.endsWith('.json'));
  const results = await Promise.all(files.map(async (file) => JSON.parse(await readFile(join(dir, file), 'utf8')) as ScenarioResult));
  return results.sort((a, b) => a.number - b.number || a.id.localeCompare(b.id));
}

/**
 * @param counts counts by kind
 * @returns the total
 */
export function total(counts: Readonly<Record<string, number>>): number {
  return Object.values(counts).reduce((sum, count) => sum + count, 0);
}
