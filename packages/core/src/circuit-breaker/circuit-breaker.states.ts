import type { CircuitBreakerSnapshot } from './circuit-breaker.snapshot.js';
import { CircuitState } from './circuit-state.js';
import { ProbeSlots } from './probe.slots.js';

/** @internal What each state needs to decide on a call: a discriminated union on `kind`. */
export type Machine = Closed | Open | HalfOpen | Isolated | Disabled;

interface Closed {
  readonly kind: typeof CircuitState.Closed;
}
interface Open {
  readonly kind: typeof CircuitState.Open;
  /** The clock reading from which a probe may be admitted. */
  readonly until: number;
}
/** @internal */
export interface HalfOpen {
  readonly kind: typeof CircuitState.HalfOpen;
  readonly probes: ProbeSlots;
}
interface Isolated {
  readonly kind: typeof CircuitState.Isolated;
}
interface Disabled {
  readonly kind: typeof CircuitState.Disabled;
}

/** @internal Shared, as these states carry no data. */
export const CLOSED: Machine = Object.freeze({ kind: CircuitState.Closed });
/** @internal */
export const ISOLATED: Machine = Object.freeze({ kind: CircuitState.Isolated });
/** @internal */
export const DISABLED: Machine = Object.freeze({ kind: CircuitState.Disabled });

/** @internal An OPEN state that admits a probe from `until` on. */
export function openUntil(until: number): Machine {
  return { kind: CircuitState.Open, until };
}

/** @internal A fresh HALF_OPEN period with every probe slot free. */
export function halfOpen(probes: number, probeTimeoutMs: number): HalfOpen {
  return { kind: CircuitState.HalfOpen, probes: new ProbeSlots(probes, probeTimeoutMs) };
}

/**
 * @internal The state a snapshot describes, at clock reading `now`.
 *
 * @param probes the breaker's `halfOpenProbes`, for a restored HALF_OPEN period
 */
export function restoredState(snapshot: Required<CircuitBreakerSnapshot>, now: number, probes: number, probeTimeoutMs: number): Machine {
  switch (snapshot.state) {
    case CircuitState.Closed:
      return CLOSED;
    case CircuitState.Open:
      return openUntil(now + snapshot.remainingOpenMs);
    case CircuitState.HalfOpen:
      return halfOpen(probes, probeTimeoutMs);
    case CircuitState.Isolated:
      return ISOLATED;
    case CircuitState.Disabled:
      return DISABLED;
  }
}
