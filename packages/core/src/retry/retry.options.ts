import { BACKOFFS } from '../backoff/backoff.js';
import { BACKOFF_KINDS, type BackoffFunction, type BackoffKind } from '../backoff/backoff.types.js';
import { JITTER_KINDS, JITTERS, type JitterFunction, type JitterKind } from '../backoff/jitter.js';
import { systemClock, type Clock } from '../clock/clock.js';
import { messages } from '../errors/bulwark.messages.js';
import { InvalidOptionError } from '../errors/invalid-option.error.js';
import type { Duration } from '../options/duration.js';
import { callback, duration, integer, monotonicClockRule, number, oneOf } from '../options/option.rules.js';
import { validateOptions } from '../options/validate-options.js';
import type { RetryBudget } from './retry-budget.js';
import { isRetryableByDefault, readRetryAfterMs, toErrorPredicate, type RetryOn } from './retry-on.js';
import { budgetRule, retryOnRule } from './retry.rules.js';

/** How a retry policy decides whether, and when, to try again. */
export interface RetryOptions {
  /** Total attempts including the first, an integer of at least 1. @default 3 */
  maxAttempts?: number;
  /**
   * No attempt starts, and no wait that would end, later than this after the first attempt
   * started. @default none
   */
  maxElapsed?: Duration;
  /** How the wait grows with each retry. @default 'exponential' */
  backoff?: BackoffKind;
  /** The base delay. @default '100ms' */
  delay?: Duration;
  /** The cap on any wait, at least `delay`. @default '30s' */
  maxDelay?: Duration;
  /** The exponential growth factor, at least 1. @default 2 */
  multiplier?: number;
  /** How the wait is randomised. @default 'full' */
  jitter?: JitterKind;
  /**
   * Which errors are retried: a predicate, or a list of error classes. A caller's abort is never
   * retried; a `BrokenCircuitError` only when the predicate returns true for it or its class is
   * listed. @default every error except a `BrokenCircuitError` and an `AbortError`
   */
  retryOn?: RetryOn;
  /** Which results are retried; when attempts run out the last result is returned. @default none */
  retryOnResult?: (result: unknown) => boolean;
  /**
   * A wait hint in milliseconds read from an error; when given, the wait is the hint (capped at
   * `maxDelay`, no jitter) instead of the backoff. @default the error's numeric `retryAfterMs`
   */
  retryAfter?: (error: unknown) => number | undefined;
  /** A budget shared by every caller of the policy, and possibly several policies. @default none */
  budget?: RetryBudget;
  /** Uniform in `[0, 1)`, for jitter. @default Math.random */
  random?: () => number;
  /** The monotonic time source, read only for `maxElapsed`. @default systemClock */
  clock?: Clock;
}

/** The defaults of every retry option that has one: the one place they are written. */
export const RETRY_DEFAULTS = {
  maxAttempts: 3,
  backoff: 'exponential',
  /** Milliseconds ('100ms'). */
  delay: 100,
  /** Milliseconds ('30s'). */
  maxDelay: 30_000,
  multiplier: 2,
  jitter: 'full',
  retryOn: isRetryableByDefault,
  retryAfter: readRetryAfterMs,
  random: Math.random,
  clock: systemClock,
} as const satisfies Omit<Required<RetryOptions>, 'maxElapsed' | 'retryOnResult' | 'budget'>;

/** Retry options validated, converted and merged with the defaults. */
export interface RetrySettings {
  readonly maxAttempts: number;
  readonly maxElapsedMs: number | undefined;
  readonly backoff: BackoffFunction;
  readonly jitter: JitterFunction;
  readonly delayMs: number;
  readonly maxDelayMs: number;
  readonly multiplier: number;
  readonly shouldRetry: (error: unknown) => boolean;
  readonly retryOnResult: ((result: unknown) => boolean) | undefined;
  readonly retryAfter: (error: unknown) => number | undefined;
  readonly budget: RetryBudget | undefined;
  readonly random: () => number;
  readonly clock: Clock;
}

const RULES = {
  maxAttempts: integer(1),
  maxElapsed: duration(),
  backoff: oneOf(BACKOFF_KINDS),
  delay: duration(),
  maxDelay: duration(),
  multiplier: number(1),
  jitter: oneOf(JITTER_KINDS),
  retryOn: retryOnRule,
  retryOnResult: callback<(result: unknown) => boolean>(),
  retryAfter: callback<(error: unknown) => number | undefined>(),
  budget: budgetRule,
  random: callback<() => number>(),
  clock: monotonicClockRule,
};

/**
 * Validates retry options and merges them with `RETRY_DEFAULTS`, once, when a policy is built.
 *
 * @param options what the caller passed
 * @returns the settings a `RetryPolicy` runs on
 * @throws InvalidOptionError naming the option, the value and what is allowed: an unknown name,
 *   a value out of range, or `maxDelay` shorter than `delay`
 * @example
 * resolveRetryOptions({ delay: '1s' }).maxDelayMs; // 30000
 */
export function resolveRetryOptions(options?: RetryOptions): RetrySettings {
  const valid = validateOptions('retry', options, RULES);
  const delayMs = valid.delay ?? RETRY_DEFAULTS.delay;
  const maxDelayMs = valid.maxDelay ?? RETRY_DEFAULTS.maxDelay;
  if (maxDelayMs < delayMs) throw maxDelayBelowDelay(options?.maxDelay, delayMs);
  return {
    maxAttempts: valid.maxAttempts ?? RETRY_DEFAULTS.maxAttempts,
    maxElapsedMs: valid.maxElapsed,
    backoff: BACKOFFS[valid.backoff ?? RETRY_DEFAULTS.backoff],
    jitter: JITTERS[valid.jitter ?? RETRY_DEFAULTS.jitter],
    delayMs,
    maxDelayMs,
    multiplier: valid.multiplier ?? RETRY_DEFAULTS.multiplier,
    shouldRetry: toErrorPredicate(valid.retryOn ?? RETRY_DEFAULTS.retryOn),
    retryOnResult: valid.retryOnResult,
    retryAfter: valid.retryAfter ?? RETRY_DEFAULTS.retryAfter,
    budget: valid.budget,
    random: valid.random ?? RETRY_DEFAULTS.random,
    clock: valid.clock ?? RETRY_DEFAULTS.clock,
  };
}

function maxDelayBelowDelay(given: Duration | undefined, delayMs: number): InvalidOptionError {
  const maxDelay = given ?? RETRY_DEFAULTS.maxDelay;
  const expected =
    `a duration of at least retry.delay (${delayMs} ms), since it caps every wait` +
    (given === undefined ? `; it was not given, and its default is shorter than delay: set maxDelay too` : ': raise maxDelay or lower delay');
  return new InvalidOptionError('retry.maxDelay', maxDelay, messages.invalidOption('retry', 'maxDelay', maxDelay, expected));
}
