/** Emitted by `RetryPolicy.onRetry` before each wait. */
export interface RetryEvent {
  /** The attempt that runs after the wait (2 for the first retry), as its `context.attempt`. */
  readonly attempt: number;
  /** How long the policy waits before that attempt, in milliseconds. */
  readonly delayMs: number;
  /** The error of the attempt that failed, when it threw. */
  readonly error?: unknown;
  /** The result of the attempt, when `retryOnResult` asked for a retry. */
  readonly result?: unknown;
}

/**
 * Why a retry policy stopped retrying: attempts ran out, `maxElapsed` would be passed, the
 * budget refused, the failure was not retryable, or the caller aborted.
 */
export type RetryGiveUpReason = 'attempts' | 'elapsed' | 'budget' | 'not-retryable' | 'aborted';

/** Emitted by `RetryPolicy.onGiveUp` when a call ends in failure. */
export interface RetryGiveUpEvent {
  /** How many attempts ran (0 when the caller's signal was aborted before the first). */
  readonly attempts: number;
  /** Why the policy stopped. */
  readonly reason: RetryGiveUpReason;
  /** What the call rejects with: the last error, or the signal's reason for an abort mid-wait. */
  readonly error?: unknown;
  /** The last result, returned to the caller, when result-based retries ran out. */
  readonly result?: unknown;
}

/** Emitted by `RetryPolicy.onSuccess` when an attempt succeeds. */
export interface RetrySuccessEvent {
  /** How many attempts ran, including the one that succeeded. */
  readonly attempts: number;
}
