import { circuitBreaker, retry, retryBudget, wrap, type CircuitBreakerOptions, type RetryBudgetOptions, type RetryOptions } from '@bulwark/core';
import type { Attempt } from './http.attempt.js';

/** The strategies, in table order. */
export type StrategyKey = 'no_retry' | 'naive' | 'backoff' | 'bulwark';

/** How one client fleet calls the dependency. */
export interface Strategy {
  readonly key: StrategyKey;
  readonly label: string;
  /** What the strategy does, for the notes under the table. */
  readonly description: string;
  /**
   * Builds the call every client of one run makes; policies are shared by the fleet, as one
   * application instance shares them between its concurrent requests.
   */
  build(attempt: Attempt, random: () => number): Attempt;
}

/** Attempts per call for every retrying strategy: the first and 3 retries. */
export const MAX_ATTEMPTS = 4;

/** Bulwark's retry, alone and in the stack: its defaults (exponential from 100 ms, full jitter) with 3 retries. */
export const RETRY_OPTIONS: RetryOptions = { maxAttempts: MAX_ATTEMPTS, backoff: 'exponential', delay: '100ms', jitter: 'full' };
/**
 * The breaker of the full stack. `consecutiveFailures: 5` notices an outage within a few requests;
 * `openDuration: '1s'` is the longest the clients stay away once the dependency is back, so it
 * bounds the recovery time (the default, 30 s, suits a slow dependency, not a 10 s outage).
 */
export const BREAKER_OPTIONS: CircuitBreakerOptions = { name: 'storm-dependency', consecutiveFailures: 5, openDuration: '1s' };
/** The retry budget of the full stack: its defaults (retries at most 20 % of calls + 10 a second, over 10 s). */
export const BUDGET_OPTIONS: RetryBudgetOptions = { ratio: 0.2, minRetriesPerSecond: 10, window: '10s' };

/** Naive retries as hand-written code does them: again at once, up to `MAX_ATTEMPTS` attempts. */
async function retryAtOnce(attempt: Attempt): Promise<void> {
  for (let attempts = 1; ; attempts++) {
    try {
      return await attempt();
    } catch (error) {
      if (attempts >= MAX_ATTEMPTS) throw error;
    }
  }
}

/**
 * The four client strategies of the storm simulation.
 *
 * @example
 * const call = STRATEGIES[3].build(attempt, Math.random);
 */
export const STRATEGIES: readonly Strategy[] = [
  {
    key: 'no_retry',
    label: 'no retry',
    description: 'one attempt per call',
    build: (attempt) => attempt,
  },
  {
    key: 'naive',
    label: 'naive retries',
    description: `up to ${MAX_ATTEMPTS - 1} retries at once, no wait (a hand-written loop)`,
    build: (attempt) => () => retryAtOnce(attempt),
  },
  {
    key: 'backoff',
    label: 'backoff + jitter',
    description: `Bulwark retry alone: ${MAX_ATTEMPTS - 1} retries, exponential backoff from 100 ms, full jitter`,
    build: (attempt, random) => {
      const policy = retry({ ...RETRY_OPTIONS, random });
      return () => policy.execute(attempt);
    },
  },
  {
    key: 'bulwark',
    label: 'Bulwark full stack',
    description: 'the same retry with a retry budget (20 % + 10/s), around a breaker (5 consecutive failures, open 1 s)',
    build: (attempt, random) => {
      const policy = wrap(retry({ ...RETRY_OPTIONS, random, budget: retryBudget(BUDGET_OPTIONS) }), circuitBreaker(BREAKER_OPTIONS));
      return () => policy.execute(attempt);
    },
  },
];
