import type { CircuitBreakerConfig } from './circuit-breaker.config.js';
import { countsOf, type OutcomeWindow } from './outcome.window.js';

/**
 * @internal Judges a CLOSED breaker's trip conditions after an outcome was recorded.
 *
 * @returns why the circuit should open, or `undefined` to stay closed
 */
export function tripReason(config: CircuitBreakerConfig, window: OutcomeWindow, consecutiveFailures: number): string | undefined {
  if (consecutiveFailures >= config.consecutiveFailures) return `${consecutiveFailures} consecutive failures`;
  const calls = window.calls;
  if (calls >= config.minimumCalls) {
    const failureRate = window.failures / calls;
    if (failureRate >= config.failureRateThreshold) {
      return `failure rate ${round(failureRate)} >= ${config.failureRateThreshold} over ${calls} calls`;
    }
    // With slowCallDuration off no call is slow, so this rate stays 0, below any threshold.
    const slowCallRate = window.slowCalls / calls;
    if (slowCallRate >= config.slowCallRateThreshold) {
      return `slow-call rate ${round(slowCallRate)} >= ${config.slowCallRateThreshold} over ${calls} calls`;
    }
  }
  if (config.tripWhen !== undefined && config.tripWhen(countsOf(window))) return 'tripWhen';
  return undefined;
}

function round(rate: number): number {
  return Math.round(rate * 1000) / 1000;
}
