import type { Disposable, Event } from '../events/event.js';
import type { Policy, PolicyContext } from '../policy/policy.js';
import { resolveCircuitBreakerOptions } from './circuit-breaker.config.js';
import { CircuitBreakerCore } from './circuit-breaker.core.js';
import { CircuitBreakerEmitters } from './circuit-breaker.emitters.js';
import type { CircuitFailureEvent, CircuitRejectionEvent, CircuitStateChangeEvent, CircuitSuccessEvent } from './circuit-breaker.events.js';
import type { CircuitBreakerOptions, WindowCounts } from './circuit-breaker.options.js';
import type { CircuitBreakerSnapshot } from './circuit-breaker.snapshot.js';
import { DISABLED, ISOLATED } from './circuit-breaker.states.js';
import { CircuitState } from './circuit-state.js';
import { IsolationHolds } from './isolation.holds.js';
import { contextFor } from './policy-context.cache.js';
import { REFUSED } from './probe.slots.js';

/**
 * A circuit breaker: stops calling a failing dependency, refuses calls at once while `OPEN`, and
 * lets a few probes through after `openDuration` to decide whether to close again. No timers:
 * every transition happens lazily, on a call or a method call.
 *
 * @example
 * const breaker = circuitBreaker({ name: 'inventory', consecutiveFailures: 5 });
 * const stock = await breaker.execute(({ signal }) => fetchStock(sku, signal));
 */
export class CircuitBreakerPolicy implements Policy {
  /** The breaker's name, used in errors and events. */
  readonly name: string;
  /** Fires on every transition between two different states. */
  readonly onStateChange: Event<CircuitStateChangeEvent>;
  /** Fires for every recorded success, probes included (not for neutral or stale outcomes). */
  readonly onSuccess: Event<CircuitSuccessEvent>;
  /** Fires for every recorded failure, probes included (not for neutral or stale outcomes). */
  readonly onFailure: Event<CircuitFailureEvent>;
  /** Fires for every call the breaker refused. */
  readonly onRejection: Event<CircuitRejectionEvent>;

  private readonly core: CircuitBreakerCore;
  private readonly isolations = new IsolationHolds();

  /**
   * @param options see {@link CircuitBreakerOptions}; every option is checked here, once
   * @throws InvalidOptionError naming the option, the value and what is allowed
   */
  constructor(options?: CircuitBreakerOptions) {
    const config = resolveCircuitBreakerOptions(options);
    const emit = new CircuitBreakerEmitters(config.name);
    this.name = config.name;
    this.core = new CircuitBreakerCore(config, emit);
    this.onStateChange = emit.stateChange.event;
    this.onSuccess = emit.success.event;
    this.onFailure = emit.failure.event;
    this.onRejection = emit.rejection.event;
  }

  /** The current state. `OPEN` turns `HALF_OPEN` only when a call arrives after the open duration. */
  get state(): CircuitState {
    return this.core.machine.kind;
  }

  /**
   * Runs `fn` if the circuit admits the call, and records its outcome.
   *
   * @param fn the protected operation, called with a frozen `{ signal }` context
   * @param signal the caller's cancellation; a call already aborted is refused with its reason
   * @returns what `fn` returned
   * @throws BrokenCircuitError when the circuit refuses the call (`OPEN`, `ISOLATED`, or `HALF_OPEN`
   *   with every probe slot taken); otherwise whatever `fn` threw
   */
  execute<T>(fn: (context: PolicyContext) => PromiseLike<T> | T, signal?: AbortSignal): Promise<T> {
    if (signal !== undefined && signal.aborted) return Promise.reject(signal.reason);
    const core = this.core;
    const startedAt = core.startTime();
    const probe = core.admit(startedAt);
    if (probe === REFUSED) return rejectSoon(core.refusal(startedAt));
    return this.run(fn, signal, probe, startedAt, core.generation);
  }

  /**
   * Runs a synchronous `fn` like {@link execute}, refusing and recording without a promise. For
   * functions that return plain values: a returned promise would be recorded as a success at once.
   *
   * @param fn the protected synchronous operation, called with a frozen `{ signal }` context
   * @param signal the caller's cancellation; a call already aborted is refused with its reason
   * @returns what `fn` returned
   * @throws BrokenCircuitError when the circuit refuses the call; otherwise whatever `fn` threw
   * @example
   * const config = breaker.executeSync(() => readFileSync(path, 'utf8'));
   */
  executeSync<T>(fn: (context: PolicyContext) => T, signal?: AbortSignal): T {
    if (signal !== undefined && signal.aborted) throw signal.reason;
    const core = this.core;
    const startedAt = core.startTime();
    const probe = core.admit(startedAt);
    if (probe === REFUSED) throw core.refusal(startedAt);
    const generation = core.generation;
    let result: T;
    try {
      result = fn(contextFor(signal));
    } catch (error) {
      core.settle(generation, probe, startedAt, false, error, signal);
      throw error;
    }
    core.settle(generation, probe, startedAt, true, result, signal);
    return result;
  }

  /**
   * Forces the circuit open (`ISOLATED`) until every handle returned so far is disposed, or
   * `reset()` is called. Disposing the last handle closes the circuit.
   *
   * @returns a handle whose `dispose()` releases this hold
   * @example
   * const maintenance = breaker.isolate();
   * // ... later
   * maintenance.dispose();
   */
  isolate(): Disposable {
    const core = this.core;
    const hold = this.isolations.take(() => {
      if (core.machine.kind === CircuitState.Isolated) core.close('isolation disposed');
    });
    if (core.machine.kind !== CircuitState.Isolated) core.enter(ISOLATED, 'isolate');
    return hold;
  }

  /** Lets every call through (`DISABLED`), still counting outcomes but never tripping, until `reset()`. */
  disable(): void {
    if (this.core.machine.kind === CircuitState.Disabled) return;
    this.isolations.drop();
    this.core.enter(DISABLED, 'disable');
  }

  /** Closes the circuit and forgets the window, consecutive failures, openings and isolations. */
  reset(): void {
    this.isolations.drop();
    this.core.close('reset');
  }

  /**
   * @returns a copy of the current window's sums
   * @example
   * const { calls, failures } = breaker.counts();
   */
  counts(): WindowCounts {
    return this.core.counts();
  }

  /**
   * @returns the state in a serialisable form, for `initialState`: remaining open time rather
   *   than clock readings, which differ between processes
   * @example
   * const restored = circuitBreaker({ initialState: JSON.parse(JSON.stringify(breaker)) });
   */
  toJSON(): CircuitBreakerSnapshot {
    return this.core.snapshot();
  }

  private async run<T>(
    fn: (context: PolicyContext) => PromiseLike<T> | T,
    signal: AbortSignal | undefined,
    probe: number,
    startedAt: number,
    generation: number,
  ): Promise<T> {
    let result: T;
    try {
      result = await fn(contextFor(signal));
    } catch (error) {
      this.core.settle(generation, probe, startedAt, false, error, signal);
      throw error;
    }
    this.core.settle(generation, probe, startedAt, true, result, signal);
    return result;
  }
}

/**
 * Builds a circuit breaker.
 *
 * @param options see {@link CircuitBreakerOptions}; all optional
 * @returns the breaker, `CLOSED` unless `initialState` says otherwise
 * @throws InvalidOptionError naming the option, the value and what is allowed
 * @example
 * const breaker = circuitBreaker({ window: { type: 'time', duration: '10s' }, tripWhen: (c) => c.cost > 1000 });
 */
export function circuitBreaker(options?: CircuitBreakerOptions): CircuitBreakerPolicy {
  return new CircuitBreakerPolicy(options);
}

const SETTLED = Promise.resolve();

/**
 * A promise rejected one microtask from now. By then the caller has attached its handler, which
 * spares Node's unhandled-rejection bookkeeping: it halves the cost of a refused call.
 */
function rejectSoon<T>(error: unknown): Promise<T> {
  // A resolved promise's then() is cheaper than queueMicrotask, which adds async-hook bookkeeping.
  return new Promise<T>((_, reject) => void SETTLED.then(() => reject(error)));
}
