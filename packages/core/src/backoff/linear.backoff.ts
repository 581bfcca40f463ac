import type { BackoffParams } from './backoff.types.js';

/**
 * A delay that grows by `delay` with each retry: `delay * retry`, capped at `maxDelay`.
 *
 * @param retry the retry's number, 1 for the first retry
 * @param params the base delay and the cap
 * @returns `min(delay * retry, maxDelay)` in milliseconds
 * @example
 * linearBackoff(3, { delayMs: 100, maxDelayMs: 1_000, multiplier: 2 }); // 300
 */
export function linearBackoff(retry: number, params: BackoffParams): number {
  return Math.min(params.delayMs * retry, params.maxDelayMs);
}
