/**
 * The states of a circuit breaker.
 *
 * - `CLOSED`: calls pass and their outcomes are counted; a trip condition opens the circuit.
 * - `OPEN`: calls are refused until the open duration has elapsed.
 * - `HALF_OPEN`: a few probe calls pass; their outcomes decide between `CLOSED` and `OPEN`.
 * - `ISOLATED`: forced open by hand (`isolate()`), until released or `reset()`.
 * - `DISABLED`: every call passes and is counted, but the circuit never trips.
 *
 * @example
 * if (breaker.state === CircuitState.Open) serveFromCache();
 */
export const CircuitState = {
  Closed: 'CLOSED',
  Open: 'OPEN',
  HalfOpen: 'HALF_OPEN',
  Isolated: 'ISOLATED',
  Disabled: 'DISABLED',
} as const;

/** One of the values of {@link CircuitState}: `'CLOSED' | 'OPEN' | 'HALF_OPEN' | 'ISOLATED' | 'DISABLED'`. */
export type CircuitState = (typeof CircuitState)[keyof typeof CircuitState];

