/** What every policy hands the function it runs. */
export interface PolicyContext {
  /** Aborted when the caller cancels or a policy gives up on this attempt (e.g. a timeout). */
  readonly signal: AbortSignal;
}

/**
 * A resilience policy: runs a function under some protection (breaker, retry, timeout...).
 *
 * @typeParam C the context the policy passes to the function
 */
export interface Policy<C extends PolicyContext = PolicyContext> {
  /**
   * Runs `fn` under this policy.
   *
   * @param fn the protected operation; it should stop work when `context.signal` aborts
   * @param signal cancels the operation and any wait the policy is in
   * @returns what `fn` returned, or rejects with its error or the policy's own
   */
  execute<T>(fn: (context: C) => PromiseLike<T> | T, signal?: AbortSignal): Promise<T>;
}

/** A signal that never aborts, shared so an unsignalled call allocates nothing. */
export const neverAbortedSignal: AbortSignal = new AbortController().signal;
