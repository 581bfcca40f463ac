import { systemClock, type Clock } from '../clock/clock.js';
import type { Duration } from '../options/duration.js';
import { duration, fraction, monotonicClockRule, number } from '../options/option.rules.js';
import { validateOptions } from '../options/validate-options.js';

/** How a retry budget limits retries. */
export interface RetryBudgetOptions {
  /**
   * Retries may be at most this fraction of the calls in the window, in `(0, 1]`.
   * @default 0.2
   */
  ratio?: number;
  /**
   * A floor, so a quiet service can still retry: this many retries per second of the window are
   * allowed on top of the ratio. At least 0.
   * @default 10
   */
  minRetriesPerSecond?: number;
  /**
   * The sliding window calls and retries are counted over.
   * @default '10s'
   */
  window?: Duration;
  /**
   * The monotonic time source.
   * @default systemClock
   */
  clock?: Clock;
}

/** The defaults of every retry budget option: the one place they are written. */
export const RETRY_BUDGET_DEFAULTS = {
  ratio: 0.2,
  minRetriesPerSecond: 10,
  /** Milliseconds ('10s'). */
  window: 10_000,
  clock: systemClock,
} as const satisfies Required<RetryBudgetOptions>;

/** Retry budget options validated, converted and merged with the defaults. */
export interface RetryBudgetSettings {
  readonly ratio: number;
  readonly minRetriesPerSecond: number;
  readonly windowMs: number;
  readonly clock: Clock;
}

const RULES = {
  ratio: fraction(),
  minRetriesPerSecond: number(0),
  window: duration({ min: 1 }),
  clock: monotonicClockRule,
};

/**
 * Validates retry budget options and merges them with `RETRY_BUDGET_DEFAULTS`.
 *
 * @param options what the caller passed
 * @returns the settings a `RetryBudget` runs on
 * @throws InvalidOptionError naming the option, the value and what is allowed
 * @example
 * resolveRetryBudgetOptions({ ratio: 0.1 }).windowMs; // 10000
 */
export function resolveRetryBudgetOptions(options?: RetryBudgetOptions): RetryBudgetSettings {
  const valid = validateOptions('retryBudget', options, RULES);
  return {
    ratio: valid.ratio ?? RETRY_BUDGET_DEFAULTS.ratio,
    minRetriesPerSecond: valid.minRetriesPerSecond ?? RETRY_BUDGET_DEFAULTS.minRetriesPerSecond,
    windowMs: valid.window ?? RETRY_BUDGET_DEFAULTS.window,
    clock: valid.clock ?? RETRY_BUDGET_DEFAULTS.clock,
  };
}
