import { describe, expect, it } from 'vitest';
import { ManualClock } from '../clock/manual.clock.js';
import type { CallOutcome, CircuitBreakerOptions } from './circuit-breaker.options.js';
import { circuitBreaker } from './circuit-breaker.policy.js';
import { CircuitState } from './circuit-state.js';

function setup(options: CircuitBreakerOptions = {}) {
  const clock = new ManualClock();
  const breaker = circuitBreaker({ clock, ...options });
  const reasons: Array<string | undefined> = [];
  breaker.onStateChange(({ reason }) => reasons.push(reason));
  const run = async (outcomes: string, tookMs = 0) => {
    for (const outcome of outcomes) {
      await breaker
        .execute(() => {
          clock.advance(tookMs);
          if (outcome === 'F') throw new Error('boom');
          return 'ok';
        })
        .catch(() => {});
    }
  };
  return { clock, breaker, reasons, run };
}

const windows = [
  { type: 'count', size: 100 },
  { type: 'time', duration: '10s' },
] as const;

describe('minimumCalls gates the rates', () => {
  it.each(windows)('judges no failure rate before 20 calls ($type window)', async (window) => {
    const { breaker, reasons, run } = setup({ window });
    await run('F'.repeat(19));
    expect(breaker.state).toBe(CircuitState.Closed);
    await run('F');
    expect(breaker.state).toBe(CircuitState.Open);
    expect(reasons).toEqual(['failure rate 1 >= 0.5 over 20 calls']);
  });

  it.each(windows)('judges no slow-call rate before minimumCalls ($type window)', async (window) => {
    const { breaker, reasons, run } = setup({ window, minimumCalls: 5, slowCallDuration: 50 });
    await run('SSSS', 60);
    expect(breaker.state).toBe(CircuitState.Closed);
    await run('S', 60);
    expect(reasons).toEqual(['slow-call rate 1 >= 1 over 5 calls']);
  });

  it('caps the default minimumCalls at a smaller count window', async () => {
    const { reasons, run } = setup({ window: { type: 'count', size: 5 } });
    await run('FFFFF');
    expect(reasons).toEqual(['failure rate 1 >= 0.5 over 5 calls']);
  });

  it('counts slow failures as both failed and slow', async () => {
    const { breaker, run } = setup({ slowCallDuration: 10 });
    await run('FS', 11);
    await run('F', 10); // not slower than slowCallDuration
    expect(breaker.counts()).toEqual({ calls: 3, failures: 2, slowCalls: 2, cost: 3 });
  });
});

describe('windows over time and calls', () => {
  it('slides a count window: only the last size calls are judged', async () => {
    const { breaker, reasons, run } = setup({ window: { type: 'count', size: 10 }, minimumCalls: 10 });
    await run('FFFFSSSSSS'); // 0.4
    await run('SSSSSSSSSS'); // the four failures leave
    await run('FFFF');
    expect(breaker.counts()).toMatchObject({ calls: 10, failures: 4 });
    expect(breaker.state).toBe(CircuitState.Closed);
    await run('F'); // 5 of the last 10, though only 9 of 25 overall
    expect(reasons).toEqual(['failure rate 0.5 >= 0.5 over 10 calls']);
  });

  it('lets a time window forget outcomes older than its duration as the clock advances', async () => {
    const { clock, breaker, run } = setup({ window: { type: 'time', duration: '10s', buckets: 10 }, minimumCalls: 10 });
    await run('FFFFFFFFF');
    clock.advance(5_000);
    expect(breaker.counts()).toMatchObject({ calls: 9, failures: 9 });
    clock.advance(5_000);
    expect(breaker.counts()).toEqual({ calls: 0, failures: 0, slowCalls: 0, cost: 0 });
    await run('F'); // would be the 10th failure if the old ones had not expired
    expect(breaker.state).toBe(CircuitState.Closed);
  });

  it('expires a time window bucket by bucket', async () => {
    const { clock, breaker, run } = setup({ window: { type: 'time', duration: 1_000, buckets: 4 } });
    for (let i = 0; i < 4; i++) {
      await run('S');
      clock.advance(250);
    }
    expect(breaker.counts().calls).toBe(3); // the first bucket has already left
    clock.advance(500);
    expect(breaker.counts().calls).toBe(1);
  });
});

describe('tripWhen and costOf', () => {
  const tokens = (outcome: CallOutcome) => (outcome.ok ? (outcome.result as { tokens: number }).tokens : 0);
  const metered = (clock: ManualClock) =>
    circuitBreaker({ clock, window: { type: 'time', duration: '10s' }, costOf: tokens, tripWhen: (c) => c.cost > 1_000 });

  it('trips when more than 1,000 metered cost arrives within 10 s', async () => {
    const clock = new ManualClock();
    const breaker = metered(clock);
    const reasons: Array<string | undefined> = [];
    breaker.onStateChange(({ reason }) => reasons.push(reason));
    for (let i = 0; i < 10; i++) await breaker.execute(() => ({ tokens: 100 }));
    expect(breaker.counts().cost).toBe(1_000);
    expect(breaker.state).toBe(CircuitState.Closed);
    await breaker.execute(() => ({ tokens: 1 }));
    expect(breaker.state).toBe(CircuitState.Open);
    expect(reasons).toEqual(['tripWhen']);
  });

  it('does not trip on the same cost spread over more than the window', async () => {
    const clock = new ManualClock();
    const breaker = metered(clock);
    for (let i = 0; i < 30; i++) {
      await breaker.execute(() => ({ tokens: 100 }));
      clock.advance(2_000);
    }
    expect(breaker.state).toBe(CircuitState.Closed);
  });

  it('is not gated by minimumCalls: one call can trip it', async () => {
    const clock = new ManualClock();
    const breaker = metered(clock);
    await breaker.execute(() => ({ tokens: 1_001 }));
    expect(breaker.state).toBe(CircuitState.Open);
  });

  it('hands costOf the outcome and tripWhen a copy of the counts', async () => {
    const clock = new ManualClock();
    const outcomes: CallOutcome[] = [];
    const seen: unknown[] = [];
    const error = new Error('boom');
    const breaker = circuitBreaker({
      clock,
      costOf: (outcome) => (outcomes.push(outcome), 2),
      tripWhen: (counts) => (seen.push(counts), false),
    });
    await breaker.execute(() => (clock.advance(7), 'fine'));
    await breaker.execute(() => Promise.reject(error)).catch(() => {});
    expect(outcomes).toEqual([
      { ok: true, result: 'fine', durationMs: 7 },
      { ok: false, error, durationMs: 0 },
    ]);
    expect(seen).toEqual([
      { calls: 1, failures: 0, slowCalls: 0, cost: 2 },
      { calls: 2, failures: 1, slowCalls: 0, cost: 4 },
    ]);
    expect(seen[0]).not.toBe(seen[1]);
  });

  it.each([-5, Number.NaN, Infinity])('counts a cost of %s as 0', async (cost) => {
    const breaker = circuitBreaker({ clock: new ManualClock(), costOf: () => cost });
    await breaker.execute(() => 'ok');
    expect(breaker.counts()).toEqual({ calls: 1, failures: 0, slowCalls: 0, cost: 0 });
  });
});
