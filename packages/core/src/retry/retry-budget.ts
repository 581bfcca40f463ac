import { TimeBuckets } from '../window/time-buckets.js';
import { resolveRetryBudgetOptions, type RetryBudgetOptions } from './retry-budget.options.js';

const CALLS = 0;
const RETRIES = 1;
const BUCKETS = 10;
// Tolerates float error in ratio * calls (0.1 * 30 is 3.0000000000000004).
const EPSILON = 1e-9;

/**
 * Caps retries at a fraction of calls over a sliding window, so a failing dependency sees at most
 * `(1 + ratio)` times its normal load instead of `maxAttempts` times: retries cannot turn an
 * outage into a retry storm. Share one budget between every caller of a dependency (and between
 * the policies that call it).
 *
 * A retry may proceed iff `retries + 1 <= ratio * calls + minRetriesPerSecond * windowSeconds`,
 * counted over the window (to a tenth of it), with no timer.
 *
 * @example
 * const budget = retryBudget({ ratio: 0.1 });
 * const policy = retry({ maxAttempts: 4, budget });
 */
export class RetryBudget {
  /** Retries may be at most this fraction of calls. */
  readonly ratio: number;
  /** Retries allowed per second of the window regardless of calls. */
  readonly minRetriesPerSecond: number;
  /** The window's length in milliseconds. */
  readonly windowMs: number;
  private readonly floor: number;
  private readonly window: TimeBuckets;

  /**
   * @param options the ratio, floor, window and clock; see `RetryBudgetOptions`
   * @throws InvalidOptionError for an unknown option or a value out of range
   */
  constructor(options?: RetryBudgetOptions) {
    const settings = resolveRetryBudgetOptions(options);
    this.ratio = settings.ratio;
    this.minRetriesPerSecond = settings.minRetriesPerSecond;
    this.windowMs = settings.windowMs;
    this.floor = (settings.minRetriesPerSecond * settings.windowMs) / 1_000;
    this.window = new TimeBuckets({ windowMs: settings.windowMs, buckets: BUCKETS, fields: 2, clock: settings.clock });
  }

  /** Deposits one call: a retry policy calls it once per `execute`, before the first attempt. */
  recordCall(): void {
    this.window.add(CALLS, 1);
  }

  /**
   * Asks for one retry, and takes it when allowed.
   *
   * @returns true (and counts the retry) when the budget allows one more retry in the window
   */
  tryWithdraw(): boolean {
    if (this.window.total(RETRIES) + 1 > this.allowance() + EPSILON) return false;
    this.window.add(RETRIES, 1);
    return true;
  }

  /** @returns the calls recorded in the window */
  get calls(): number {
    return this.window.total(CALLS);
  }

  /** @returns the retries withdrawn in the window */
  get retries(): number {
    return this.window.total(RETRIES);
  }

  /** @returns how many more retries the window allows right now */
  get available(): number {
    return Math.max(0, Math.floor(this.allowance() + EPSILON - this.window.total(RETRIES)));
  }

  /** Forgets every call and retry, e.g. between tests or after a deployment. */
  reset(): void {
    this.window.reset();
  }

  private allowance(): number {
    return this.ratio * this.window.total(CALLS) + this.floor;
  }
}

/**
 * Creates a retry budget to share between retry policies.
 *
 * @param options the ratio, floor, window and clock; see `RetryBudgetOptions`
 * @returns a new budget
 * @throws InvalidOptionError for an unknown option or a value out of range
 * @example
 * const budget = retryBudget({ ratio: 0.1, minRetriesPerSecond: 1, window: '30s' });
 */
export function retryBudget(options?: RetryBudgetOptions): RetryBudget {
  return new RetryBudget(options);
}
