/** How the delay before a retry grows: the same each time, by a fixed step, or geometrically. */
export type BackoffKind = 'constant' | 'linear' | 'exponential';

/** Every backoff kind, in the order error messages list them. */
export const BACKOFF_KINDS: readonly BackoffKind[] = ['constant', 'linear', 'exponential'];

/** What a backoff reads besides the retry number; a retry policy's settings satisfy it. */
export interface BackoffParams {
  /** The base delay in milliseconds. */
  readonly delayMs: number;
  /** The cap on any delay in milliseconds. */
  readonly maxDelayMs: number;
  /** The exponential growth factor, at least 1. */
  readonly multiplier: number;
}

/**
 * Computes the un-jittered delay before a retry.
 *
 * @param retry the retry's number, 1 for the first retry (the second attempt)
 * @param params the base delay, the cap and the growth factor
 * @returns milliseconds in `[0, params.maxDelayMs]`
 */
export type BackoffFunction = (retry: number, params: BackoffParams) => number;
