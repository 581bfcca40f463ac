import type { CircuitState } from './circuit-state.js';

/**
 * A circuit breaker's state in a form that survives `JSON.stringify` and a move to another
 * process: it holds the *remaining* open time, never a clock reading, because monotonic clocks of
 * two processes share no origin. The window's counts are not included; a restored breaker starts
 * with an empty window.
 *
 * @example
 * await store.set('breaker:inventory', JSON.stringify(breaker));
 * const restored = circuitBreaker({ name: 'inventory', initialState: JSON.parse(saved) });
 */
export interface CircuitBreakerSnapshot {
  /** The format's version; only `1` exists. */
  version?: 1;
  /** The state to resume in. A restored `ISOLATED` breaker stays isolated until `reset()`. */
  state: CircuitState;
  /** Consecutive openings so far, which `openBackoff` grows the next open duration from. @default 0 */
  openings?: number;
  /** Consecutive failures counted in `CLOSED`. @default 0 */
  consecutiveFailures?: number;
  /** In `OPEN`: milliseconds until a probe may be admitted. @default 0 */
  remainingOpenMs?: number;
}
