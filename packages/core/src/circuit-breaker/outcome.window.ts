import type { Clock } from '../clock/clock.js';
import type { WindowConfig } from './circuit-breaker.config.js';
import type { WindowCounts } from './circuit-breaker.options.js';
import { CountWindow } from './count.window.js';
import { TimeWindow } from './time.window.js';

/** @internal Where a breaker records outcomes and reads the sums its trip conditions judge. */
export interface OutcomeWindow {
  /** Calls recorded in the window. */
  readonly calls: number;
  /** Failures recorded in the window. */
  readonly failures: number;
  /** Slow calls recorded in the window. */
  readonly slowCalls: number;
  /** The summed cost of the calls in the window. */
  readonly cost: number;
  /**
   * Records one outcome.
   *
   * @param now the clock reading taken when the call settled, so recording reads no clock
   */
  record(now: number, failure: boolean, slow: boolean, cost: number): void;
  /** Moves the window to `now` before its sums are read outside a `record`. */
  advance(now: number): void;
  /** Forgets every outcome. */
  reset(now: number): void;
}

/** @internal A fresh copy of a window's sums, safe to hand to user code. */
export function countsOf(window: OutcomeWindow): WindowCounts {
  return { calls: window.calls, failures: window.failures, slowCalls: window.slowCalls, cost: window.cost };
}

/** @internal The window a breaker's options describe. */
export function createWindow(window: WindowConfig, clock: Clock): OutcomeWindow {
  return window.type === 'count'
    ? new CountWindow(window.size)
    : new TimeWindow({ windowMs: window.durationMs, buckets: window.buckets, clock });
}
