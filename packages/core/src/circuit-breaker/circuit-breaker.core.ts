import type { Clock } from '../clock/clock.js';
import { BrokenCircuitError } from '../errors/broken-circuit.error.js';
import { openDurationMs, type CircuitBreakerConfig } from './circuit-breaker.config.js';
import type { CircuitBreakerEmitters } from './circuit-breaker.emitters.js';
import type { WindowCounts } from './circuit-breaker.options.js';
import type { CircuitBreakerSnapshot } from './circuit-breaker.snapshot.js';
import { CLOSED, halfOpen, openUntil, restoredState, type HalfOpen, type Machine } from './circuit-breaker.states.js';
import { CircuitState } from './circuit-state.js';
import { Verdict, classifyError, classifyResult, meteredCost } from './outcome.classifier.js';
import { countsOf, createWindow, type OutcomeWindow } from './outcome.window.js';
import { NO_SLOT, REFUSED } from './probe.slots.js';
import { tripReason } from './trip.condition.js';

/**
 * @internal The state machine behind a `CircuitBreakerPolicy`: admits calls, records their
 * outcomes and moves between states. Every transition bumps `generation`; an outcome of a call
 * admitted in an older generation is ignored.
 */
export class CircuitBreakerCore {
  machine: Machine = CLOSED;
  generation = 0;
  private consecutiveFailures = 0;
  private openings = 0;
  private readonly window: OutcomeWindow;
  private readonly clock: Clock;

  constructor(
    private readonly config: CircuitBreakerConfig,
    private readonly emit: CircuitBreakerEmitters,
  ) {
    this.clock = config.clock;
    this.window = createWindow(config.window, config.clock);
    const initial = config.initialState;
    if (initial !== undefined) {
      this.machine = restoredState(initial, this.clock.now(), config.halfOpenProbes, config.probeTimeoutMs);
      this.openings = initial.openings;
      this.consecutiveFailures = initial.consecutiveFailures;
    }
  }

  /**
   * Reads the clock when the call needs it: always outside CLOSED and DISABLED, and there only for
   * slow calls, costs, a time window or outcome listeners, so the plainest call reads no clock.
   *
   * @returns the clock reading, or `NaN` for an untimed call
   */
  startTime(): number {
    const kind = this.machine.kind;
    const passing = kind === CircuitState.Closed || kind === CircuitState.Disabled;
    if (passing && !this.config.timed && !this.emit.success.hasListeners && !this.emit.failure.hasListeners) return NaN;
    return this.clock.now();
  }

  /** @returns `NO_SLOT`, the probe id of a call admitted in HALF_OPEN, or `REFUSED` */
  admit(now: number): number {
    const machine = this.machine;
    switch (machine.kind) {
      case CircuitState.Closed:
      case CircuitState.Disabled:
        return NO_SLOT;
      case CircuitState.Open: {
        if (now < machine.until) return REFUSED;
        const next = halfOpen(this.config.halfOpenProbes, this.config.probeTimeoutMs);
        this.enter(next, 'open duration elapsed');
        return next.probes.admit(now);
      }
      case CircuitState.HalfOpen:
        return machine.probes.admit(now);
      case CircuitState.Isolated:
        return REFUSED;
    }
  }

  /** Reports a refused call and builds its error, without a stack trace. */
  refusal(now: number): BrokenCircuitError {
    const machine = this.machine;
    const retryAfterMs = machine.kind === CircuitState.Open ? machine.until - now : 0;
    this.emit.rejected(machine.kind, retryAfterMs);
    return BrokenCircuitError.fastFail(this.config.name, machine.kind, retryAfterMs);
  }

  /**
   * Records how an admitted call ended and makes the transition it calls for.
   *
   * @param ok whether the call returned (`value` is its result) or threw (`value` is its error)
   */
  settle(generation: number, probe: number, startedAt: number, ok: boolean, value: unknown, signal: AbortSignal | undefined): void {
    if (generation !== this.generation) return;
    const machine = this.machine;
    // A probe that outlived probeTimeout gave its slot away; its outcome no longer counts.
    if (machine.kind === CircuitState.HalfOpen && !machine.probes.release(probe)) return;
    const verdict = ok ? classifyResult(this.config, value) : classifyError(this.config, value, signal);
    if (verdict === Verdict.Neutral) return;
    const untimed = Number.isNaN(startedAt);
    const now = untimed ? startedAt : this.clock.now();
    // Untimed: nothing needed the duration when the call started (a listener came later).
    const durationMs = untimed ? 0 : now - startedAt;
    const failed = verdict === Verdict.Failure;
    if (machine.kind !== CircuitState.HalfOpen) this.record(now, failed, durationMs, ok, value);
    if (failed) this.emit.failed(durationMs, ok, value);
    else this.emit.succeeded(durationMs);
    // A listener may have moved the breaker on; the outcome must not act on the new state.
    if (generation !== this.generation) return;
    if (machine.kind === CircuitState.Closed) {
      const reason = tripReason(this.config, this.window, this.consecutiveFailures);
      if (reason !== undefined) this.open(reason);
    } else if (machine.kind === CircuitState.HalfOpen) {
      this.judgeProbe(machine, failed, durationMs);
    }
  }

  /** Moves to CLOSED, forgetting the window, consecutive failures and openings. */
  close(reason: string): void {
    this.window.reset(this.clock.now());
    this.consecutiveFailures = 0;
    this.openings = 0;
    this.enter(CLOSED, reason);
  }

  /** Moves to a state that carries no data (ISOLATED, DISABLED). */
  enter(next: Machine, reason: string): void {
    const from = this.machine.kind;
    this.machine = next;
    this.generation++;
    this.emit.changed(from, next.kind, reason);
  }

  /** @returns a copy of the window's sums, as of now */
  counts(): WindowCounts {
    this.window.advance(this.clock.now());
    return countsOf(this.window);
  }

  /** @returns the state, with the remaining open time rather than a clock reading */
  snapshot(): CircuitBreakerSnapshot {
    const machine = this.machine;
    return {
      version: 1,
      state: machine.kind,
      openings: this.openings,
      consecutiveFailures: this.consecutiveFailures,
      remainingOpenMs: machine.kind === CircuitState.Open ? Math.max(0, machine.until - this.clock.now()) : 0,
    };
  }

  private record(now: number, failed: boolean, durationMs: number, ok: boolean, value: unknown): void {
    const costOf = this.config.costOf;
    const cost = costOf === undefined ? 1 : meteredCost(costOf, ok, value, durationMs);
    this.window.record(now, failed, durationMs > this.config.slowCallMs, cost);
    this.consecutiveFailures = failed ? this.consecutiveFailures + 1 : 0;
  }

  private judgeProbe(machine: HalfOpen, failed: boolean, durationMs: number): void {
    if (failed) this.open('probe failed');
    else if (durationMs > this.config.slowCallMs) this.open('probe slow');
    else if (machine.probes.succeed()) this.close('probes succeeded');
  }

  private open(reason: string): void {
    this.openings++;
    this.enter(openUntil(this.clock.now() + openDurationMs(this.config, this.openings)), reason);
  }
}
