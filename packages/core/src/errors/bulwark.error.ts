const BRAND = Symbol.for('bulwark.error');

/** The stable codes of every Bulwark error, safe to match on across versions and copies. */
export type BulwarkErrorCode =
  | 'BULWARK_BROKEN_CIRCUIT'
  | 'BULWARK_TIMEOUT'
  | 'BULWARK_INVALID_OPTION'
  | 'BULWARK_LOCK_NOT_ACQUIRED'
  | 'BULWARK_LOCK_LOST'
  | 'BULWARK_LOCK_RELEASE_FAILED';

/**
 * The base of every error Bulwark throws. `code` is stable; the message names the thing, its
 * state and the fix. Guards (`isBulwarkError`, `isBrokenCircuitError`, ...) test a brand shared
 * by every installed copy of the package, so they work where `instanceof` would not.
 */
export abstract class BulwarkError extends Error {
  /** A stable, machine-readable identifier of the failure. */
  abstract readonly code: BulwarkErrorCode;

  protected constructor(message: string, options?: ErrorOptions) {
    super(message, options);
  }

  override get name(): string {
    return this.constructor.name;
  }
}

Object.defineProperty(BulwarkError.prototype, BRAND, { value: true });

/**
 * Tells whether a value is any Bulwark error.
 *
 * @param error any thrown value
 * @returns true for errors created by any installed copy of Bulwark
 */
export function isBulwarkError(error: unknown): error is BulwarkError {
  return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[BRAND] === true;
}

/** @internal Checks the brand and the code in one step, for the per-class guards. */
export function hasBulwarkCode(error: unknown, code: BulwarkErrorCode): boolean {
  return isBulwarkError(error) && error.code === code;
}

/**
 * Runs `create` with stack capture turned off: for errors created on a fast-fail path, where a
 * stack trace would cost more than the call being refused and say nothing useful.
 */
export function withoutStack<E extends Error>(create: () => E): E {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return create();
  } finally {
    Error.stackTraceLimit = limit;
  }
}
