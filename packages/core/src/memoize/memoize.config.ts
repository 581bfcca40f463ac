import type { Clock } from '../clock/clock.js';
import { callback, duration, flag, integer, monotonicClockRule } from '../options/option.rules.js';
import { validateOptions } from '../options/validate-options.js';
import { MEMOIZE_DEFAULTS, type MemoizeOptions } from './memoize.options.js';

/** @internal `@Memoize()`'s options validated and merged with the defaults. */
export interface MemoizeSettings {
  readonly max: number;
  /** `Infinity` without a `ttl`. */
  readonly ttlMs: number;
  readonly shared: boolean;
  readonly key: ((...args: unknown[]) => unknown) | undefined;
  readonly clock: Clock;
}

const RULES = {
  max: integer(1, 10_000_000),
  ttl: duration({ min: 1 }),
  shared: flag(),
  key: callback<(...args: unknown[]) => unknown>(),
  clock: monotonicClockRule,
};

/**
 * @internal Validates `@Memoize()`'s options and merges the defaults, once.
 *
 * @throws InvalidOptionError naming the option, the value and what is allowed
 */
export function resolveMemoizeOptions(options: MemoizeOptions | undefined): MemoizeSettings {
  const given = validateOptions('memoize', options, RULES);
  return {
    max: given.max ?? MEMOIZE_DEFAULTS.max,
    ttlMs: given.ttl ?? Infinity,
    shared: given.shared ?? MEMOIZE_DEFAULTS.shared,
    key: given.key,
    clock: given.clock ?? MEMOIZE_DEFAULTS.clock,
  };
}
