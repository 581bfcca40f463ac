import type { BackoffParams } from './backoff.types.js';

/**
 * A delay that grows geometrically: `delay * multiplier^(retry - 1)`, capped at `maxDelay`.
 *
 * @param retry the retry's number, 1 for the first retry
 * @param params the base delay, the cap and the growth factor
 * @returns `min(delay * multiplier^(retry - 1), maxDelay)` in milliseconds
 * @example
 * exponentialBackoff(4, { delayMs: 100, maxDelayMs: 1_000, multiplier: 2 }); // 800
 */
export function exponentialBackoff(retry: number, params: BackoffParams): number {
  // A zero delay stays zero; without this, 0 * Infinity (a huge power) would be NaN.
  if (params.delayMs === 0) return 0;
  return Math.min(params.delayMs * params.multiplier ** (retry - 1), params.maxDelayMs);
}
