import { systemClock, type Clock } from '../clock/clock.js';
import type { Duration } from '../options/duration.js';

/** Options of `@Memoize()`, checked once, when the class is defined. */
export interface MemoizeOptions {
  /** The most results kept per memo (per instance, or in all with `shared`); the least recently used goes first. @default 1000 */
  max?: number;
  /** How long a result is kept. @default forever (until evicted or cleared) */
  ttl?: Duration;
  /** One memo for every instance (and the class itself) instead of one per instance. @default false */
  shared?: boolean;
  /** What identifies a call: its result is serialized like arguments are. @default all arguments */
  key?: (...args: never[]) => unknown;
  /** The monotonic time source, for `ttl`. @default systemClock */
  clock?: Clock;
}

/** The defaults of `@Memoize()`'s options: the one place they are written. */
export const MEMOIZE_DEFAULTS = Object.freeze({ max: 1000, shared: false, clock: systemClock });
