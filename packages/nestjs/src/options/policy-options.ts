import type { CircuitBreakerOptions, Duration, RetryBudgetOptions, RetryOptions } from '@bulwark/core';

/** Circuit breaker options as config and decorators give them (the name and clock come from Bulwark). */
export type BreakerPolicyOptions = Omit<CircuitBreakerOptions, 'name' | 'clock' | 'initialState'>;

/**
 * Retry options as config and decorators give them. `budget` is given as options: one budget is
 * built per named retry policy and shared by every method that uses that name.
 */
export type RetryPolicyOptions = Omit<RetryOptions, 'clock' | 'budget'> & {
  budget?: Omit<RetryBudgetOptions, 'clock'>;
};

/** A timeout as config gives it. */
export type TimeoutPolicyOptions = Duration;
