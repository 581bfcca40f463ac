import type { Clock } from '../clock/clock.js';
import { DURATION_FORMS, toMilliseconds } from './duration.js';

/** Marks a value that a rule rejected. */
export const INVALID: unique symbol = Symbol('bulwark.invalid-option');

/** Checks one option and converts it to the form a policy uses. */
export interface OptionRule<T> {
  /** What is allowed, completing the sentence "Expected ..." in the error message. */
  readonly expected: string;
  /** @returns the converted value, or `INVALID` */
  parse(value: unknown): T | typeof INVALID;
}

const rule = <T>(expected: string, parse: (value: unknown) => T | typeof INVALID): OptionRule<T> => ({ expected, parse });

/**
 * A duration in milliseconds (number or string with a unit).
 *
 * @param min the smallest allowed value in milliseconds @default 0
 * @param finite whether `Infinity` is refused @default true
 */
export function duration({ min = 0, finite = true }: { min?: number; finite?: boolean } = {}): OptionRule<number> {
  const bound = min > 0 ? `at least ${min} ms` : 'zero or more';
  return rule(`a ${finite ? 'finite ' : ''}duration, ${bound}: ${DURATION_FORMS}`, (value) => {
    const ms = toMilliseconds(value);
    return ms === undefined || ms < min || (finite && !Number.isFinite(ms)) ? INVALID : ms;
  });
}

/** An integer in `[min, max]`. */
export function integer(min: number, max = Number.MAX_SAFE_INTEGER): OptionRule<number> {
  const range = max === Number.MAX_SAFE_INTEGER ? `${min} or more` : `from ${min} to ${max}`;
  return rule(`an integer ${range}`, (value) =>
    typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max ? value : INVALID,
  );
}

/** A finite number of at least `min` (or greater than `min` when `exclusive`). */
export function number(min: number, { exclusive = false }: { exclusive?: boolean } = {}): OptionRule<number> {
  return rule(`a finite number ${exclusive ? 'greater than' : 'of at least'} ${min}`, (value) =>
    typeof value === 'number' && Number.isFinite(value) && (exclusive ? value > min : value >= min) ? value : INVALID,
  );
}

/** A fraction in (0, 1], such as a failure-rate threshold. */
export function fraction(): OptionRule<number> {
  return rule('a number greater than 0 and at most 1, e.g. 0.5 for 50 %', (value) =>
    typeof value === 'number' && value > 0 && value <= 1 ? value : INVALID,
  );
}

/** One of a fixed set of strings. */
export function oneOf<const V extends string>(values: readonly V[]): OptionRule<V> {
  return rule(`one of ${values.map((v) => `'${v}'`).join(', ')}`, (value) =>
    values.includes(value as V) ? (value as V) : INVALID,
  );
}

/** A function, passed through unchanged. */
export function callback<F extends (...args: never[]) => unknown>(): OptionRule<F> {
  return rule('a function', (value) => (typeof value === 'function' ? (value as F) : INVALID));
}

/** A string that is not empty. */
export function text(): OptionRule<string> {
  return rule('a non-empty string', (value) => (typeof value === 'string' && value.length > 0 ? value : INVALID));
}

/** `true` or `false`. */
export function flag(): OptionRule<boolean> {
  return rule('true or false', (value) => (typeof value === 'boolean' ? value : INVALID));
}

/** Any value the policy checks itself (e.g. an object it validates with its own rules). */
export function custom<T>(expected: string, parse: (value: unknown) => T | typeof INVALID): OptionRule<T> {
  return rule(expected, parse);
}

const isClock = (value: unknown): value is Clock => typeof value === 'object' && value !== null && typeof (value as Clock).now === 'function';

/** A monotonic `Clock` (durations and deadlines are read from it), such as `systemClock`. */
export const monotonicClockRule: OptionRule<Clock> = rule(
  'a Clock: an object with a now() method returning monotonic milliseconds, such as systemClock or a ManualClock',
  (value) => (isClock(value) ? value : INVALID),
);

/** A wall `Clock` (epoch milliseconds, for times that cross processes), such as `wallClock`. */
export const wallClockRule: OptionRule<Clock> = rule('a Clock: an object with a now() method returning epoch milliseconds, such as wallClock', (value) =>
  isClock(value) ? value : INVALID,
);
