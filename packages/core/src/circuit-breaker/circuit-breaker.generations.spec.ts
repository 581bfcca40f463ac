import { describe, expect, it } from 'vitest';
import { ManualClock } from '../clock/manual.clock.js';
import { circuitBreaker, type CircuitBreakerPolicy } from './circuit-breaker.policy.js';
import { CircuitState } from './circuit-state.js';

const boom = new Error('boom');

/**
 * A call admitted in CLOSED whose outcome arrives after the breaker has moved on. With
 * `consecutiveFailures: 1`, a late failure that were counted would open the circuit.
 */
function lateCall(breaker: CircuitBreakerPolicy) {
  let settle!: (outcome: 'fail' | 'succeed') => void;
  const done = breaker
    .execute(() => new Promise<string>((resolve, reject) => (settle = (o) => (o === 'fail' ? reject(boom) : resolve('ok')))))
    .catch((error: unknown) => error);
  return { settle: (outcome: 'fail' | 'succeed') => (settle(outcome), done) };
}

describe('outcomes of calls from an earlier generation', () => {
  const cases: Array<{ meanwhile: string; act: (b: CircuitBreakerPolicy, clock: ManualClock) => Promise<unknown>; state: CircuitState }> = [
    { meanwhile: 'reset()', act: async (b) => b.reset(), state: 'CLOSED' },
    { meanwhile: 'isolate() and dispose()', act: async (b) => b.isolate().dispose(), state: 'CLOSED' },
    { meanwhile: 'isolate()', act: async (b) => b.isolate(), state: 'ISOLATED' },
    { meanwhile: 'disable()', act: async (b) => b.disable(), state: 'DISABLED' },
    {
      meanwhile: 'opening and half-opening',
      act: async (b, clock) => {
        await b.execute(() => Promise.reject(new Error('other'))).catch(() => {});
        clock.advance(1_000);
        void b.execute(() => new Promise(() => {})); // a probe in flight
      },
      state: 'HALF_OPEN',
    },
  ];

  it.each(cases)('a late failure changes nothing after $meanwhile', async ({ act, state }) => {
    const clock = new ManualClock();
    const breaker = circuitBreaker({ clock, consecutiveFailures: 1, openDuration: 1_000 });
    const failures: unknown[] = [];
    const call = lateCall(breaker);
    await act(breaker, clock);
    const before = breaker.counts();
    breaker.onFailure((event) => failures.push(event));
    breaker.onStateChange((event) => failures.push(event));
    expect(await call.settle('fail')).toBe(boom);
    expect(breaker.state).toBe(state);
    expect(breaker.counts()).toEqual(before);
    expect(failures).toEqual([]);
  });

  it('a late success does not count as a probe after the circuit opened and half-opened', async () => {
    const clock = new ManualClock();
    const breaker = circuitBreaker({ clock, consecutiveFailures: 1, openDuration: 1_000 });
    const call = lateCall(breaker);
    await breaker.execute(() => Promise.reject(boom)).catch(() => {});
    clock.advance(1_000);
    void breaker.execute(() => new Promise(() => {}));
    await call.settle('succeed');
    expect(breaker.state).toBe(CircuitState.HalfOpen);
  });

  it('an outcome from the current generation still counts (the guard can tell them apart)', async () => {
    const breaker = circuitBreaker({ clock: new ManualClock(), consecutiveFailures: 1 });
    const call = lateCall(breaker);
    await call.settle('fail');
    expect(breaker.state).toBe(CircuitState.Open);
  });

  it('a listener that resets the breaker stops the outcome from acting on the new state', async () => {
    const breaker = circuitBreaker({ clock: new ManualClock(), consecutiveFailures: 1 });
    breaker.onFailure(() => breaker.reset());
    await breaker.execute(() => Promise.reject(boom)).catch(() => {});
    expect(breaker.state).toBe(CircuitState.Closed);
  });
});
