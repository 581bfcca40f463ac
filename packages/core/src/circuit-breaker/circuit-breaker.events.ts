import type { CircuitState } from './circuit-state.js';

/** Emitted by `onStateChange` on every transition between two different states. */
export interface CircuitStateChangeEvent {
  /** The breaker's name. */
  name: string;
  from: CircuitState;
  to: CircuitState;
  /**
   * Why, e.g. `'failure rate 0.6 >= 0.5 over 20 calls'`, `'5 consecutive failures'`, `'tripWhen'`,
   * `'open duration elapsed'`, `'probe failed'`, `'probe slow'`, `'probes succeeded'`,
   * `'isolate'`, `'isolation disposed'`, `'disable'` or `'reset'`.
   */
  reason?: string;
}

/** Emitted by `onSuccess` for every recorded success (probes included). */
export interface CircuitSuccessEvent {
  durationMs: number;
}

/**
 * Emitted by `onFailure` for every recorded failure (probes included): `error` when the call
 * threw, `result` when `isFailureResult` judged what it returned.
 */
export interface CircuitFailureEvent {
  durationMs: number;
  error?: unknown;
  result?: unknown;
}

/** Emitted by `onRejection` for every call the breaker refused. */
export interface CircuitRejectionEvent {
  /** The state that refused the call. */
  state: CircuitState;
  /** How long until the breaker may admit a call again; 0 when unknown (`HALF_OPEN`, `ISOLATED`). */
  retryAfterMs: number;
}
