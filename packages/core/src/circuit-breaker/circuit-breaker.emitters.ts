import { EventEmitter } from '../events/event-emitter.js';
import type { CircuitState } from './circuit-state.js';
import type {
  CircuitFailureEvent,
  CircuitRejectionEvent,
  CircuitStateChangeEvent,
  CircuitSuccessEvent,
} from './circuit-breaker.events.js';

/** @internal A breaker's four emitters; each method builds its payload only when someone listens. */
export class CircuitBreakerEmitters {
  readonly stateChange = new EventEmitter<CircuitStateChangeEvent>();
  readonly success = new EventEmitter<CircuitSuccessEvent>();
  readonly failure = new EventEmitter<CircuitFailureEvent>();
  readonly rejection = new EventEmitter<CircuitRejectionEvent>();

  constructor(private readonly name: string) {}

  changed(from: CircuitState, to: CircuitState, reason: string): void {
    if (from !== to && this.stateChange.hasListeners) this.stateChange.emit({ name: this.name, from, to, reason });
  }

  succeeded(durationMs: number): void {
    if (this.success.hasListeners) this.success.emit({ durationMs });
  }

  /** @param ok whether the call returned (so `value` is its result) or threw (its error) */
  failed(durationMs: number, ok: boolean, value: unknown): void {
    if (!this.failure.hasListeners) return;
    this.failure.emit(ok ? { durationMs, result: value } : { durationMs, error: value });
  }

  rejected(state: CircuitState, retryAfterMs: number): void {
    if (this.rejection.hasListeners) this.rejection.emit({ state, retryAfterMs });
  }
}
