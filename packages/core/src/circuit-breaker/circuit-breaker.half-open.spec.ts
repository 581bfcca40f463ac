import { describe, expect, it } from 'vitest';
import { ManualClock } from '../clock/manual.clock.js';
import { isBrokenCircuitError } from '../errors/broken-circuit.error.js';
import type { CircuitBreakerOptions } from './circuit-breaker.options.js';
import { circuitBreaker } from './circuit-breaker.policy.js';
import { CircuitState } from './circuit-state.js';

const boom = new Error('boom');

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

/** A breaker that has opened once, with its open duration elapsed: the next call half-opens it. */
async function openedBreaker(options: CircuitBreakerOptions = {}) {
  const clock = new ManualClock();
  const breaker = circuitBreaker({ clock, consecutiveFailures: 1, openDuration: 1_000, ...options });
  await breaker.execute(() => Promise.reject(boom)).catch(() => {});
  clock.advance(1_000);
  return { clock, breaker };
}

const failAfter = (gate: Promise<unknown>) => async () => {
  await gate;
  throw boom;
};

describe('HALF_OPEN probes', () => {
  it.each([1, 3])('admits exactly %i of 100 concurrent callers as probes and refuses the rest', async (halfOpenProbes) => {
    const { breaker } = await openedBreaker({ halfOpenProbes });
    const gate = deferred<string>();
    let started = 0;
    const calls = Array.from({ length: 100 }, () => breaker.execute(() => (started++, gate.promise)));
    expect(started).toBe(halfOpenProbes);
    expect(breaker.state).toBe(CircuitState.HalfOpen);
    gate.resolve('ok');
    const results = await Promise.allSettled(calls);
    const refused = results.filter((r) => r.status === 'rejected' && isBrokenCircuitError(r.reason) && r.reason.state === 'HALF_OPEN');
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(halfOpenProbes);
    expect(refused).toHaveLength(100 - halfOpenProbes);
    expect(breaker.state).toBe(CircuitState.Closed);
  });

  it('needs every one of halfOpenProbes probes to succeed before closing', async () => {
    const { breaker } = await openedBreaker({ halfOpenProbes: 3 });
    await breaker.execute(() => 'ok');
    await breaker.execute(() => 'ok');
    expect(breaker.state).toBe(CircuitState.HalfOpen);
    await breaker.execute(() => 'ok');
    expect(breaker.state).toBe(CircuitState.Closed);
  });

  it('reopens on the first failed probe and ignores the other probes in flight', async () => {
    const { breaker } = await openedBreaker({ halfOpenProbes: 3 });
    const gate = deferred<string>();
    const first = breaker.execute(() => gate.promise);
    const second = breaker.execute(failAfter(gate.promise)).catch(() => {});
    const third = breaker.execute(() => gate.promise);
    gate.resolve('ok');
    await Promise.all([first, second, third]);
    expect(breaker.state).toBe(CircuitState.Open);
  });

  it('gives a neutral probe’s slot to the next caller', async () => {
    const neutral = new Error('not the dependency’s fault');
    const { breaker } = await openedBreaker({ isIgnored: (e) => e === neutral });
    await breaker.execute(() => Promise.reject(neutral)).catch(() => {});
    expect(breaker.state).toBe(CircuitState.HalfOpen);
    await expect(breaker.execute(() => 'probe')).resolves.toBe('probe');
    expect(breaker.state).toBe(CircuitState.Closed);
  });

  it('frees a stuck probe’s slot after probeTimeout and ignores its late failure', async () => {
    const { clock, breaker } = await openedBreaker({ probeTimeout: '5s' });
    const stuck = deferred<string>();
    const late = breaker.execute(failAfter(stuck.promise)).catch((e: unknown) => e);
    clock.advance(4_999);
    const refused = await breaker.execute(() => 'ok').catch((e: unknown) => e);
    expect(isBrokenCircuitError(refused)).toBe(true);
    clock.advance(1);
    const next = deferred<string>();
    const probe = breaker.execute(() => next.promise);
    stuck.resolve('now');
    expect(await late).toBe(boom); // the caller still gets its outcome...
    expect(breaker.state).toBe(CircuitState.HalfOpen); // ...but the breaker ignores it
    next.resolve('ok');
    await probe;
    expect(breaker.state).toBe(CircuitState.Closed);
  });

  it('ignores a stuck probe’s late success too', async () => {
    const { clock, breaker } = await openedBreaker({ probeTimeout: 100 });
    const stuck = deferred<string>();
    const late = breaker.execute(() => stuck.promise);
    clock.advance(100);
    const next = deferred<string>();
    const probe = breaker.execute(failAfter(next.promise)).catch(() => {});
    stuck.resolve('late');
    await late;
    expect(breaker.state).toBe(CircuitState.HalfOpen);
    next.resolve('');
    await probe;
    expect(breaker.state).toBe(CircuitState.Open);
  });
});

describe('open duration', () => {
  /** Fails one probe and reports how long the breaker then stays open. */
  async function nextOpening(breaker: Awaited<ReturnType<typeof openedBreaker>>['breaker'], clock: ManualClock, previousMs: number) {
    clock.advance(previousMs);
    await breaker.execute(() => Promise.reject(boom)).catch(() => {});
    const refusal = await breaker.execute(() => 'ok').catch((e: unknown) => e);
    return isBrokenCircuitError(refusal) ? refusal.retryAfterMs : -1;
  }

  it('grows by the multiplier with each consecutive opening and caps at max', async () => {
    const { clock, breaker } = await openedBreaker({ openBackoff: { multiplier: 2, max: 5_000 } });
    clock.advance(0);
    const durations: number[] = [];
    let previous = 0;
    for (let i = 0; i < 5; i++) {
      previous = await nextOpening(breaker, clock, previous);
      durations.push(previous);
    }
    expect(durations).toEqual([2_000, 4_000, 5_000, 5_000, 5_000]);
    expect(breaker.toJSON().openings).toBe(6);
  });

  it('starts again from openDuration once the circuit has closed', async () => {
    const { clock, breaker } = await openedBreaker({ openBackoff: {} });
    expect(await nextOpening(breaker, clock, 0)).toBe(2_000);
    clock.advance(2_000);
    await breaker.execute(() => 'probe');
    expect(breaker.state).toBe(CircuitState.Closed);
    expect(await nextOpening(breaker, clock, 0)).toBe(1_000);
  });

  it('stays fixed without openBackoff', async () => {
    const { clock, breaker } = await openedBreaker();
    expect(await nextOpening(breaker, clock, 0)).toBe(1_000);
    expect(await nextOpening(breaker, clock, 1_000)).toBe(1_000);
  });

  it('caps at 5 minutes by default, or at openDuration when that is longer', async () => {
    const short = await openedBreaker({ openDuration: '2m', openBackoff: {} });
    expect(await nextOpening(short.breaker, short.clock, 120_000)).toBe(240_000);
    expect(await nextOpening(short.breaker, short.clock, 240_000)).toBe(300_000);
    const long = await openedBreaker({ openDuration: '10m', openBackoff: { multiplier: 3 } });
    expect(await nextOpening(long.breaker, long.clock, 600_000)).toBe(600_000);
  });
});
