import { BrokenCircuitError, isBrokenCircuitError } from '../errors/broken-circuit.error.js';

/** A class whose instances a retry policy retries, e.g. `TypeError` or your `HttpError`. */
export type ErrorClass = abstract new (...args: never[]) => unknown;

/** Which errors a retry policy retries: a predicate, or a list of error classes. */
export type RetryOn = ((error: unknown) => boolean) | ReadonlyArray<ErrorClass>;

/**
 * Tells whether an error is an abort (`name === 'AbortError'`, as `AbortController.abort()`
 * without a reason and `fetch` produce).
 *
 * @param error any thrown value
 * @returns true for an abort, which is a decision to stop, never a failure worth retrying
 */
export function isAbortError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError';
}

/**
 * The default `retryOn`: every error except a refused call (`BrokenCircuitError`, since retrying
 * an open circuit only adds load) and an abort.
 *
 * @param error the attempt's error
 * @returns whether the error is worth another attempt
 * @example
 * retry({ retryOn: (error) => isRetryableByDefault(error) && !(error instanceof ValidationError) });
 */
export function isRetryableByDefault(error: unknown): boolean {
  return !isBrokenCircuitError(error) && !isAbortError(error);
}

/**
 * Turns a `retryOn` option into a predicate, once, when a policy is built.
 *
 * A predicate is used as given: it alone decides, so it retries a `BrokenCircuitError` only when
 * it returns true for one. A class list retries instances of any listed class, except that a
 * `BrokenCircuitError` is retried only when `BrokenCircuitError` itself (or a subclass) is listed,
 * not because it is also an `Error`.
 *
 * @param retryOn a predicate or a list of error classes
 * @returns the predicate the policy calls on each error
 * @example
 * toErrorPredicate([TypeError])(new TypeError('x')); // true
 */
export function toErrorPredicate(retryOn: RetryOn): (error: unknown) => boolean {
  if (typeof retryOn === 'function') return retryOn;
  return errorClassPredicate(retryOn);
}

function errorClassPredicate(classes: ReadonlyArray<ErrorClass>): (error: unknown) => boolean {
  const circuitClasses = classes.filter((c) => c === BrokenCircuitError || c.prototype instanceof BrokenCircuitError);
  return (error) => {
    const candidates = isBrokenCircuitError(error) ? circuitClasses : classes;
    for (const errorClass of candidates) if (error instanceof errorClass) return true;
    return false;
  };
}

/**
 * The default `retryAfter`: reads a finite numeric `retryAfterMs` property of the error, such as
 * one set from an HTTP 429/503 `Retry-After` header.
 *
 * @param error the attempt's error
 * @returns the hinted wait in milliseconds, or `undefined` when the error carries none
 * @example
 * readRetryAfterMs(Object.assign(new Error('429'), { retryAfterMs: 2_000 })); // 2000
 */
export function readRetryAfterMs(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const value = (error as { retryAfterMs?: unknown }).retryAfterMs;
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
