import type { Clock } from '../clock/clock.js';
import { messages } from '../errors/bulwark.messages.js';
import { InvalidOptionError } from '../errors/invalid-option.error.js';
import { toMilliseconds, type Duration } from '../options/duration.js';
import { INVALID, callback, custom, duration, flag, fraction, integer, monotonicClockRule, number, oneOf, text, type OptionRule } from '../options/option.rules.js';
import { validateOptions } from '../options/validate-options.js';
import type { CircuitBreakerSnapshot } from './circuit-breaker.snapshot.js';
import {
  circuitBreakerDefaults as defaults,
  type CallOutcome,
  type CircuitBreakerOptions,
  type OpenBackoffOptions,
  type WindowCounts,
} from './circuit-breaker.options.js';
import { CircuitState } from './circuit-state.js';
import type { Classification } from './outcome.classifier.js';

const PATH = 'circuitBreaker';
const MAX_COUNT_WINDOW = 1_000_000;

/** @internal The window a breaker judges over, validated. */
export type WindowConfig = { readonly type: 'count'; readonly size: number } | { readonly type: 'time'; readonly durationMs: number; readonly buckets: number };

/** @internal Every option validated, converted to milliseconds and merged with the defaults. */
export interface CircuitBreakerConfig extends Classification {
  readonly name: string;
  /** `Infinity` when off, so the check needs no branch. */
  readonly consecutiveFailures: number;
  readonly window: WindowConfig;
  readonly failureRateThreshold: number;
  /** `Infinity` when off: no call is ever slower. */
  readonly slowCallMs: number;
  readonly slowCallRateThreshold: number;
  readonly minimumCalls: number;
  readonly tripWhen?: (counts: WindowCounts) => boolean;
  readonly costOf?: (outcome: CallOutcome) => number;
  readonly openMs: number;
  readonly backoff?: { readonly multiplier: number; readonly maxMs: number };
  readonly halfOpenProbes: number;
  readonly probeTimeoutMs: number;
  readonly initialState?: Required<CircuitBreakerSnapshot>;
  readonly clock: Clock;
  /** Whether every call must be timed (slow calls, costs or a time window), listeners aside. */
  readonly timed: boolean;
}

const object = <T>(expected: string): OptionRule<T> =>
  custom<T>(expected, (value) => (typeof value === 'object' && value !== null ? (value as T) : INVALID));

const predicate = callback<(value: unknown) => boolean>;

const RULES = {
  name: text(),
  consecutiveFailures: integer(1),
  window: object<object>("an object: { type: 'count', size } or { type: 'time', duration, buckets? }"),
  failureRateThreshold: fraction(),
  slowCallDuration: duration(),
  slowCallRateThreshold: fraction(),
  minimumCalls: integer(1),
  tripWhen: callback<(counts: WindowCounts) => boolean>(),
  costOf: callback<(outcome: CallOutcome) => number>(),
  openDuration: duration(),
  openBackoff: object<OpenBackoffOptions>('an object: { multiplier?, max? }'),
  halfOpenProbes: integer(1),
  probeTimeout: duration({ min: 1 }),
  isFailure: predicate(),
  isIgnored: predicate(),
  isFailureResult: predicate(),
  countAborts: flag(),
  initialState: object<object>('a snapshot returned by toJSON(), e.g. { state: \'OPEN\', remainingOpenMs: 5000 }'),
  clock: monotonicClockRule,
};

/**
 * @internal Validates a breaker's options and merges the defaults: once, at construction.
 *
 * @throws InvalidOptionError naming the option, the value and what is allowed
 */
export function resolveCircuitBreakerOptions(options: CircuitBreakerOptions | undefined): CircuitBreakerConfig {
  const given = validateOptions(PATH, options, RULES);
  const window = resolveWindow(given.window);
  const openMs = given.openDuration ?? ms(defaults.openDuration);
  const timed = given.slowCallDuration !== undefined || given.costOf !== undefined || window.type === 'time';
  return {
    name: given.name ?? defaults.name,
    consecutiveFailures: given.consecutiveFailures ?? Infinity,
    window,
    failureRateThreshold: given.failureRateThreshold ?? defaults.failureRateThreshold,
    slowCallMs: given.slowCallDuration ?? Infinity,
    slowCallRateThreshold: given.slowCallRateThreshold ?? defaults.slowCallRateThreshold,
    minimumCalls: resolveMinimumCalls(given.minimumCalls, window),
    tripWhen: given.tripWhen,
    costOf: given.costOf,
    openMs,
    backoff: given.openBackoff && resolveBackoff(given.openBackoff, openMs),
    halfOpenProbes: given.halfOpenProbes ?? defaults.halfOpenProbes,
    probeTimeoutMs: given.probeTimeout ?? ms(defaults.probeTimeout),
    isFailure: given.isFailure,
    isIgnored: given.isIgnored,
    isFailureResult: given.isFailureResult,
    countAborts: given.countAborts ?? defaults.countAborts,
    initialState: given.initialState && resolveSnapshot(given.initialState),
    clock: given.clock ?? defaults.clock,
    timed,
  };
}

/**
 * @internal How long the `openings`-th consecutive opening lasts.
 *
 * @param openings 1 for the first opening since the circuit last closed
 */
export function openDurationMs(config: CircuitBreakerConfig, openings: number): number {
  const { backoff, openMs } = config;
  if (backoff === undefined) return openMs;
  return Math.min(backoff.maxMs, openMs * backoff.multiplier ** Math.max(0, openings - 1));
}

function resolveWindow(window: object | undefined): WindowConfig {
  if (window === undefined) return defaults.window;
  const path = `${PATH}.window`;
  const type = (window as { type?: unknown }).type;
  if (type === 'count') {
    const given = validateOptions(path, window, { type: oneOf(['count']), size: integer(1, MAX_COUNT_WINDOW) });
    return { type, size: required(path, 'size', given.size, integer(1, MAX_COUNT_WINDOW)) };
  }
  if (type === 'time') {
    const rules = { type: oneOf(['time']), duration: duration({ min: 1 }), buckets: integer(1, 1000) };
    const given = validateOptions(path, window, rules);
    const durationMs = required(path, 'duration', given.duration, rules.duration);
    return { type, durationMs, buckets: given.buckets ?? defaults.timeWindowBuckets };
  }
  const rule = oneOf(['count', 'time']);
  if (type === undefined) throw new InvalidOptionError(`${path}.type`, type, messages.missingOption(path, 'type', rule.expected));
  throw new InvalidOptionError(`${path}.type`, type, messages.invalidOption(path, 'type', type, rule.expected));
}

function resolveMinimumCalls(minimumCalls: number | undefined, window: WindowConfig): number {
  if (window.type === 'time') return minimumCalls ?? defaults.minimumCalls;
  // Defaults adapt to a small window; an explicit value that can never be reached is a mistake.
  if (minimumCalls === undefined) return Math.min(defaults.minimumCalls, window.size);
  if (minimumCalls <= window.size) return minimumCalls;
  const expected = `an integer from 1 to ${window.size} (${PATH}.window.size), as a count window never holds more calls than its size`;
  throw new InvalidOptionError(`${PATH}.minimumCalls`, minimumCalls, messages.invalidOption(PATH, 'minimumCalls', minimumCalls, expected));
}

function resolveBackoff(backoff: OpenBackoffOptions, openMs: number): CircuitBreakerConfig['backoff'] {
  const path = `${PATH}.openBackoff`;
  const given = validateOptions(path, backoff, { multiplier: number(1), max: duration() });
  if (given.max !== undefined && given.max < openMs) {
    const expected = `a duration of at least ${PATH}.openDuration (${openMs} ms)`;
    throw new InvalidOptionError(`${path}.max`, backoff.max, messages.invalidOption(path, 'max', backoff.max, expected));
  }
  return {
    multiplier: given.multiplier ?? defaults.openBackoff.multiplier,
    maxMs: given.max ?? Math.max(ms(defaults.openBackoff.max), openMs),
  };
}

function resolveSnapshot(snapshot: object): Required<CircuitBreakerSnapshot> {
  const path = `${PATH}.initialState`;
  const rules = {
    version: custom<1>('1', (value) => (value === 1 ? 1 : INVALID)),
    state: oneOf(Object.values(CircuitState)),
    openings: integer(0),
    consecutiveFailures: integer(0),
    remainingOpenMs: duration(),
  };
  const given = validateOptions(path, snapshot, rules);
  return {
    version: 1,
    state: required(path, 'state', given.state, rules.state),
    openings: given.openings ?? 0,
    consecutiveFailures: given.consecutiveFailures ?? 0,
    remainingOpenMs: given.remainingOpenMs ?? 0,
  };
}

function required<T>(path: string, option: string, value: T | undefined, rule: OptionRule<T>): T {
  if (value === undefined) throw new InvalidOptionError(`${path}.${option}`, undefined, messages.missingOption(path, option, rule.expected));
  return value;
}

function ms(value: Duration): number {
  return toMilliseconds(value) as number;
}
