import { setTimeout as sleep, setImmediate as yieldToEventLoop } from 'node:timers/promises';

/** Calls and latencies of one phase of a load run. */
export interface PhaseStats {
  calls: number;
  failures: number;
  /** Latency of every call, in milliseconds, in the order they finished. */
  readonly latencies: number[];
  /** One failure, to show what went wrong. */
  firstFailure?: string;
}

/** What a load run measured, by phase. */
export interface LoadStats {
  readonly phases: Map<string, PhaseStats>;
  /** All calls. */
  readonly calls: number;
  /** All failed calls. */
  readonly failures: number;
}

/** How to drive load. */
export interface LoadOptions {
  /** Concurrent callers, each calling in a loop. */
  readonly callers: number;
  /**
   * One call; a call fails when it rejects or resolves `false`.
   *
   * @param caller which caller, from 0
   */
  readonly call: (caller: number) => Promise<unknown>;
  /** The phase a call that starts now belongs to, e.g. `baseline` or `redis hung`. */
  readonly phase: () => string;
  /** Calls stop starting once this returns true. */
  readonly done: () => boolean;
  /** The most calls in all, so a run is bounded even if `done` never says so. @default 1_000_000 */
  readonly maxCalls?: number;
  /** Each caller's pause between calls, in milliseconds; 0 only yields to the event loop. @default 0 */
  readonly pauseMs?: number;
}

/**
 * Runs `callers` loops that call as fast as the event loop allows (yielding between calls, so
 * timers still run), and records each call's latency and outcome under the phase it started in.
 *
 * @param options the callers, the call and the phases
 * @returns what was measured, once every caller has stopped
 * @example
 * const stats = await driveLoad({ callers: 16, call: () => catalog.product('SKU-1'), phase: () => 'baseline', done: () => stop });
 */
export async function driveLoad(options: LoadOptions): Promise<LoadStats> {
  const phases = new Map<string, PhaseStats>();
  const maxCalls = options.maxCalls ?? 1_000_000;
  let started = 0;
  const caller = async (index: number): Promise<void> => {
    while (!options.done() && started++ < maxCalls) {
      const phase = options.phase();
      const begin = performance.now();
      let failure: string | undefined;
      try {
        if ((await options.call(index)) === false) failure = 'resolved false';
      } catch (error) {
        failure = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      }
      const stats = phases.get(phase) ?? { calls: 0, failures: 0, latencies: [] };
      phases.set(phase, stats);
      stats.calls++;
      stats.latencies.push(performance.now() - begin);
      if (failure !== undefined) {
        stats.failures++;
        stats.firstFailure ??= failure;
      }
      await (options.pauseMs ? sleep(options.pauseMs) : yieldToEventLoop());
    }
  };
  await Promise.all(Array.from({ length: options.callers }, (_, index) => caller(index)));
  const all = [...phases.values()];
  return { phases, calls: all.reduce((sum, stats) => sum + stats.calls, 0), failures: all.reduce((sum, stats) => sum + stats.failures, 0) };
}

/**
 * @param latencies milliseconds
 * @param fraction e.g. 0.99
 * @returns the latency below which that fraction of calls finished (0 when there are none)
 */
export function percentile(latencies: readonly number[], fraction: number): number {
  if (latencies.length === 0) return 0;
  const sorted = [...latencies].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)];
}
