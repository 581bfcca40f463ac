import type { PolicyContext } from '../policy/policy.js';

/**
 * What a retry policy hands each attempt.
 *
 * @example
 * await retry().execute(({ attempt, signal }) => fetch(url, { signal, headers: { 'x-attempt': `${attempt}` } }));
 */
export interface RetryContext extends PolicyContext {
  /** The attempt's number, 1-based: 1 for the first call, 2 for the first retry. */
  readonly attempt: number;
}
