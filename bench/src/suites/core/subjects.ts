/** The operation every candidate protects: an async function that resolves at once. */
export type Operation = () => Promise<number>;

/** One library's policies, set up for the core suite and exposed as awaited operations. */
export interface Subjects {
  /** Retry (up to 3 attempts) around a CLOSED circuit breaker, running the operation. */
  readonly stack: () => PromiseLike<number>;
  /** A CLOSED circuit breaker alone, running the operation. */
  readonly breaker: () => PromiseLike<number>;
  /** A call to a breaker held open; the rejection is caught, so the promise resolves. */
  readonly openRejection: () => PromiseLike<unknown>;
  /**
   * Checks that the subjects are in the state the numbers claim: CLOSED breakers return the
   * operation's value and the open breaker refuses with the library's own error.
   *
   * @throws {Error} when a subject is not in that state
   */
  verify(): Promise<void>;
  /** Stops any timer the library keeps. */
  dispose(): void;
}

/** What `.catch()` hands a refused call: nothing to do, and one shared function for every call. */
export function ignore(): void {}

/**
 * Awaits `promise` and reports what it settled with, for `verify()`.
 *
 * @param promise the call to settle
 * @returns `{ value }` or `{ error }`
 */
export async function settle<T>(promise: PromiseLike<T>): Promise<{ value?: T; error?: unknown }> {
  try {
    return { value: await promise };
  } catch (error) {
    return { error };
  }
}

/**
 * Throws when `condition` is false, naming what the bench expected.
 *
 * @param condition what must hold
 * @param expectation what the bench assumed, for the message
 * @throws {Error} when `condition` is false
 */
export function expect(condition: boolean, expectation: string): void {
  if (!condition) throw new Error(`core bench precondition failed: ${expectation}`);
}
