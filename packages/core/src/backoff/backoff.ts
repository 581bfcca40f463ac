import type { BackoffFunction, BackoffKind } from './backoff.types.js';
import { constantBackoff } from './constant.backoff.js';
import { exponentialBackoff } from './exponential.backoff.js';
import { linearBackoff } from './linear.backoff.js';

/**
 * The backoff function of each kind, so a policy picks one at construction and never switches
 * on the kind per retry.
 *
 * @example
 * BACKOFFS.linear(2, { delayMs: 100, maxDelayMs: 30_000, multiplier: 2 }); // 200
 */
export const BACKOFFS: Readonly<Record<BackoffKind, BackoffFunction>> = {
  constant: constantBackoff,
  linear: linearBackoff,
  exponential: exponentialBackoff,
};
