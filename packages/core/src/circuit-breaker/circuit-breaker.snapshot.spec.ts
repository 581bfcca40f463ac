import { describe, expect, it } from 'vitest';
import { ManualClock } from '../clock/manual.clock.js';
import { isBrokenCircuitError } from '../errors/broken-circuit.error.js';
import type { CircuitBreakerSnapshot } from './circuit-breaker.snapshot.js';
import { circuitBreaker } from './circuit-breaker.policy.js';
import { CircuitState } from './circuit-state.js';

const boom = new Error('boom');
const roundTrip = (snapshot: CircuitBreakerSnapshot): CircuitBreakerSnapshot => JSON.parse(JSON.stringify(snapshot));

describe('toJSON and initialState', () => {
  it('restores an OPEN breaker that stays OPEN for the remaining time on another clock', async () => {
    const here = new ManualClock(5_000);
    const original = circuitBreaker({ clock: here, consecutiveFailures: 1, openDuration: '10s' });
    await original.execute(() => Promise.reject(boom)).catch(() => {});
    here.advance(4_000);
    const snapshot = roundTrip(original.toJSON());
    expect(snapshot).toEqual({ version: 1, state: 'OPEN', openings: 1, consecutiveFailures: 1, remainingOpenMs: 6_000 });

    const there = new ManualClock(9_000_000); // another process: its clock has another origin
    const restored = circuitBreaker({ clock: there, consecutiveFailures: 1, openDuration: '10s', initialState: snapshot });
    expect(restored.state).toBe(CircuitState.Open);
    there.advance(5_999);
    const refusal = await restored.execute(() => 'x').catch((e: unknown) => e);
    expect(isBrokenCircuitError(refusal) && refusal.retryAfterMs).toBe(1);
    there.advance(1);
    await expect(restored.execute(() => 'probe')).resolves.toBe('probe');
    expect(restored.state).toBe(CircuitState.Closed);
  });

  it('keeps openings, so a restored breaker’s backoff continues', async () => {
    const clock = new ManualClock();
    const restored = circuitBreaker({ clock, openDuration: 1_000, openBackoff: {}, initialState: { state: 'HALF_OPEN', openings: 3 } });
    await restored.execute(() => Promise.reject(boom)).catch(() => {});
    expect(restored.toJSON()).toMatchObject({ state: 'OPEN', openings: 4, remainingOpenMs: 8_000 });
  });

  it('keeps consecutive failures', async () => {
    const restored = circuitBreaker({ clock: new ManualClock(), consecutiveFailures: 3, initialState: { state: 'CLOSED', consecutiveFailures: 2 } });
    await restored.execute(() => Promise.reject(boom)).catch(() => {});
    expect(restored.state).toBe(CircuitState.Open);
  });

  it.each(Object.values(CircuitState))('round-trips %s', async (state) => {
    const clock = new ManualClock();
    const original = circuitBreaker({ clock, initialState: { state } });
    const restored = circuitBreaker({ clock: new ManualClock(), initialState: roundTrip(original.toJSON()) });
    expect(restored.state).toBe(state);
    expect(restored.toJSON()).toEqual(original.toJSON());
  });

  it('restores ISOLATED until reset(), as no isolation handle survives the move', async () => {
    const restored = circuitBreaker({ clock: new ManualClock(), initialState: { state: 'ISOLATED' } });
    await expect(restored.execute(() => 'x')).rejects.toThrow('is ISOLATED');
    restored.reset();
    await expect(restored.execute(() => 'x')).resolves.toBe('x');
  });

  it('starts a restored HALF_OPEN breaker with every probe slot free', async () => {
    const restored = circuitBreaker({ clock: new ManualClock(), halfOpenProbes: 2, initialState: { state: 'HALF_OPEN' } });
    await restored.execute(() => 'a');
    await restored.execute(() => 'b');
    expect(restored.state).toBe(CircuitState.Closed);
  });

  it('reports no remaining open time outside OPEN, and none below zero once it has elapsed', async () => {
    const clock = new ManualClock();
    const breaker = circuitBreaker({ clock, consecutiveFailures: 1, openDuration: 100 });
    expect(breaker.toJSON().remainingOpenMs).toBe(0);
    await breaker.execute(() => Promise.reject(boom)).catch(() => {});
    clock.advance(500);
    expect(breaker.toJSON()).toMatchObject({ state: 'OPEN', remainingOpenMs: 0 });
  });
});
