import { systemClock, type Clock } from '../clock/clock.js';
import type { Duration } from '../options/duration.js';
import type { CircuitBreakerSnapshot } from './circuit-breaker.snapshot.js';

/** Sums over a circuit breaker's window: what trip conditions (and `tripWhen`) judge. */
export interface WindowCounts {
  /** Calls recorded (successes and failures; neutral outcomes are not recorded). */
  calls: number;
  /** Calls that failed. */
  failures: number;
  /** Calls slower than `slowCallDuration`, whether they failed or not. */
  slowCalls: number;
  /** The sum of `costOf` over the recorded calls (1 per call by default). */
  cost: number;
}

/** How one call ended, as `costOf` sees it. */
export interface CallOutcome {
  /** Whether the call returned (`true`) or threw (`false`). */
  ok: boolean;
  /** What the call returned, when `ok`. */
  result?: unknown;
  /** What the call threw, when not `ok`. */
  error?: unknown;
  /** How long the call took, in milliseconds. */
  durationMs: number;
}

/** A window over the last `size` recorded calls. */
export interface CountWindowOptions {
  type: 'count';
  /** How many calls the window holds: an integer from 1 to 1,000,000. */
  size: number;
}

/** A window over the calls recorded in the last `duration`, kept in `buckets` slices. */
export interface TimeWindowOptions {
  type: 'time';
  /** The window's length (at least 1 ms). */
  duration: Duration;
  /** How many slices the window rotates through: an integer from 1 to 1000. @default 10 */
  buckets?: number;
}

/** Makes each consecutive opening last longer than the one before, up to a cap. */
export interface OpenBackoffOptions {
  /** The factor by which each consecutive opening grows, at least 1. @default 2 */
  multiplier?: number;
  /** The longest an opening may last; at least `openDuration`. @default '5m' */
  max?: Duration;
}

/**
 * Options of {@link circuitBreaker}. Every option is checked once, when the breaker is built; an
 * unknown name or an out-of-range value throws an `InvalidOptionError` naming it.
 */
export interface CircuitBreakerOptions {
  /** Used in errors and events. @default 'circuit' */
  name?: string;
  /** Opens after this many consecutive failures (an integer of at least 1). @default off */
  consecutiveFailures?: number;
  /** The window over which rates and `tripWhen` are judged. @default { type: 'count', size: 100 } */
  window?: CountWindowOptions | TimeWindowOptions;
  /** Opens when the window's failure rate reaches this, in (0, 1]. @default 0.5 */
  failureRateThreshold?: number;
  /** A call that takes longer than this counts as slow. @default off */
  slowCallDuration?: Duration;
  /** Opens when the window's slow-call rate reaches this, in (0, 1]; needs `slowCallDuration`. @default 1 */
  slowCallRateThreshold?: number;
  /** No rate is judged before the window holds this many calls (an integer of at least 1). @default 20 */
  minimumCalls?: number;
  /**
   * An extra trip condition over the window's counts, checked after every recorded outcome in
   * `CLOSED` and not gated by `minimumCalls`; e.g. `c => c.cost > 1000` over a time window trips on
   * volume or cost (a defence against economic denial of service). @default none
   */
  tripWhen?: (counts: WindowCounts) => boolean;
  /** The cost of one call, summed into `WindowCounts.cost`; negative, NaN or infinite counts as 0. @default 1 per call */
  costOf?: (outcome: CallOutcome) => number;
  /** How long the circuit stays `OPEN` before admitting a probe. @default '30s' */
  openDuration?: Duration;
  /** When given, each consecutive opening lasts longer; reset when the circuit closes. @default fixed */
  openBackoff?: OpenBackoffOptions;
  /** Probes admitted in `HALF_OPEN` (an integer of at least 1); other calls are refused. @default 1 */
  halfOpenProbes?: number;
  /** A probe unsettled after this long frees its slot, and its late outcome is ignored. @default '60s' */
  probeTimeout?: Duration;
  /** Which errors count as failures; other errors count as successes. @default every error */
  isFailure?: (error: unknown) => boolean;
  /** Errors that are neutral: neither success nor failure. @default none */
  isIgnored?: (error: unknown) => boolean;
  /** Results that count as failures, e.g. an HTTP response with status 503. @default none */
  isFailureResult?: (result: unknown) => boolean;
  /** Whether a call the caller aborted (or that threw an `AbortError`) counts; otherwise it is neutral. @default false */
  countAborts?: boolean;
  /** A state to start from, as returned by `toJSON()`. @default CLOSED */
  initialState?: CircuitBreakerSnapshot;
  /** The monotonic time source. @default systemClock */
  clock?: Clock;
}

/**
 * The defaults of every circuit breaker option: the one place they are written.
 *
 * @example
 * circuitBreakerDefaults.openDuration; // '30s'
 */
export const circuitBreakerDefaults = Object.freeze({
  name: 'circuit',
  window: Object.freeze({ type: 'count', size: 100 } as const),
  timeWindowBuckets: 10,
  failureRateThreshold: 0.5,
  slowCallRateThreshold: 1,
  minimumCalls: 20,
  openDuration: '30s',
  openBackoff: Object.freeze({ multiplier: 2, max: '5m' } as const),
  halfOpenProbes: 1,
  probeTimeout: '60s',
  countAborts: false,
  clock: systemClock,
} as const);
