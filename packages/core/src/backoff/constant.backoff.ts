import type { BackoffParams } from './backoff.types.js';

/**
 * The same delay before every retry: `delay`, capped at `maxDelay`.
 *
 * @param _retry the retry's number (unused: every retry waits the same)
 * @param params the base delay and the cap
 * @returns `min(delay, maxDelay)` in milliseconds
 * @example
 * constantBackoff(3, { delayMs: 100, maxDelayMs: 1_000, multiplier: 2 }); // 100
 */
export function constantBackoff(_retry: number, params: BackoffParams): number {
  return Math.min(params.delayMs, params.maxDelayMs);
}
