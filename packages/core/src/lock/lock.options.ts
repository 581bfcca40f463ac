import { messages } from '../errors/bulwark.messages.js';
import { InvalidOptionError } from '../errors/invalid-option.error.js';
import type { Duration } from '../options/duration.js';
import { custom, duration, flag, INVALID, type OptionRule } from '../options/option.rules.js';
import type { ValidatedOptions } from '../options/validate-options.js';

/** How one `Lock.acquire` call takes and keeps its lease; each option defaults to the lock's. */
export interface LockAcquireOptions {
  /**
   * How long the lease lasts unless extended: after a holder dies, the longest others wait.
   * @default the lock's ttl ('30s')
   */
  ttl?: Duration;
  /** How long to keep trying when the lock is taken; 0 makes one attempt. @default the lock's (0) */
  waitTimeout?: Duration;
  /**
   * Whether the lease is extended automatically (every third of the ttl) while it is held.
   * Without it the lease ends after `ttl` even if the work runs on (`lockAtMostFor`).
   * @default the lock's (true)
   */
  autoExtend?: boolean;
  /**
   * On release, keep the lock taken until this long after it was acquired (`lockAtLeastFor`), so
   * a job that finished early does not run again on another instance in the same period. @default 0
   */
  minHold?: Duration;
  /** Cancels the wait; the call rejects with the signal's reason and holds nothing. */
  signal?: AbortSignal;
}

/** The defaults a lock applies to every `acquire` call that does not override them. */
export interface LockDefaultsOptions {
  /** @default '30s' */
  ttl?: Duration;
  /** @default 0 (one attempt) */
  waitTimeout?: Duration;
  /** @default true */
  autoExtend?: boolean;
}

/** The defaults of every lock option that has one: the one place they are written. */
export const LOCK_DEFAULTS = {
  /** Milliseconds ('30s'). */
  ttl: 30_000,
  waitTimeout: 0,
  autoExtend: true,
  minHold: 0,
} as const;

/** An acquire request validated, converted to milliseconds and merged with the lock's defaults. */
export interface LockRequest {
  readonly ttlMs: number;
  /** `Infinity` waits until acquired or aborted. */
  readonly waitTimeoutMs: number;
  readonly autoExtend: boolean;
  readonly minHoldMs: number;
  readonly signal: AbortSignal | undefined;
}

/** The rules of the lock-wide defaults, for implementations that add options of their own. */
export const LOCK_DEFAULTS_RULES = {
  ttl: duration({ min: 1 }),
  waitTimeout: duration({ finite: false }),
  autoExtend: flag(),
};

const signalRule: OptionRule<AbortSignal> = custom('an AbortSignal', (value) =>
  value instanceof AbortSignal ? value : INVALID,
);

/** The rules of `LockAcquireOptions`, for implementations that add options of their own. */
export const LOCK_ACQUIRE_RULES = { ...LOCK_DEFAULTS_RULES, minHold: duration(), signal: signalRule };

/**
 * Converts a lock's validated defaults into the request a bare `acquire(name)` runs with. An
 * implementation validates its options once, with `LOCK_DEFAULTS_RULES` spread into its own rules,
 * and passes the result here.
 *
 * @param valid what `validateOptions` returned for the lock's options
 * @returns the default request
 * @example
 * const valid = validateOptions('inMemoryLock', { ttl: '10s' }, LOCK_DEFAULTS_RULES);
 * lockDefaultsFrom(valid).ttlMs; // 10000
 */
export function lockDefaultsFrom(valid: ValidatedOptions<typeof LOCK_DEFAULTS_RULES>): LockRequest {
  return {
    ttlMs: valid.ttl ?? LOCK_DEFAULTS.ttl,
    waitTimeoutMs: valid.waitTimeout ?? LOCK_DEFAULTS.waitTimeout,
    autoExtend: valid.autoExtend ?? LOCK_DEFAULTS.autoExtend,
    minHoldMs: LOCK_DEFAULTS.minHold,
    signal: undefined,
  };
}

/**
 * Merges one `acquire` call's validated options over the lock's defaults. Called only when options
 * are given: a bare `acquire(name)` reuses the defaults as they are.
 *
 * @param defaults the lock's default request
 * @param valid what `validateOptions` returned for the call's options, with `LOCK_ACQUIRE_RULES`
 * @returns the request to run
 */
export function lockRequestFrom(defaults: LockRequest, valid: ValidatedOptions<typeof LOCK_ACQUIRE_RULES>): LockRequest {
  return {
    ttlMs: valid.ttl ?? defaults.ttlMs,
    waitTimeoutMs: valid.waitTimeout ?? defaults.waitTimeoutMs,
    autoExtend: valid.autoExtend ?? defaults.autoExtend,
    minHoldMs: valid.minHold ?? defaults.minHoldMs,
    signal: valid.signal,
  };
}

const extendTtlRule = duration({ min: 1 });

/**
 * Converts the `ttl` given to `LockHandle.extend`, or falls back to the acquired ttl.
 *
 * @param path where the option lives in messages, e.g. `lock.extend`
 * @param ttl what the caller passed
 * @param fallbackMs the ttl the lease was acquired with
 * @returns milliseconds
 * @throws InvalidOptionError when `ttl` is not a finite duration of at least 1 ms
 */
export function extendTtlMs(path: string, ttl: Duration | undefined, fallbackMs: number): number {
  if (ttl === undefined) return fallbackMs;
  const ms = extendTtlRule.parse(ttl);
  if (ms === INVALID) throw new InvalidOptionError(`${path}.ttl`, ttl, messages.invalidOption(path, 'ttl', ttl, extendTtlRule.expected));
  return ms;
}
