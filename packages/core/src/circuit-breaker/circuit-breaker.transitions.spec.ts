import { describe, expect, it } from 'vitest';
import { ManualClock } from '../clock/manual.clock.js';
import { isBrokenCircuitError } from '../errors/broken-circuit.error.js';
import type { CircuitStateChangeEvent } from './circuit-breaker.events.js';
import type { CircuitBreakerOptions } from './circuit-breaker.options.js';
import { circuitBreaker } from './circuit-breaker.policy.js';
import { CircuitState } from './circuit-state.js';

const boom = new Error('boom');
const never = new Promise<never>(() => {});

function setup(options: CircuitBreakerOptions = {}) {
  const clock = new ManualClock(1_000);
  const breaker = circuitBreaker({ name: 'inventory', clock, consecutiveFailures: 1, openDuration: 1_000, ...options });
  const changes: CircuitStateChangeEvent[] = [];
  const succeed = (tookMs = 0) => breaker.execute(() => (clock.advance(tookMs), 'ok'));
  const fail = (tookMs = 0) =>
    breaker.execute(() => {
      clock.advance(tookMs);
      throw boom;
    }).catch((error: unknown) => error);
  const watch = () => breaker.onStateChange((change) => changes.push(change));
  const probe = { resolve: (_value: string) => {}, reject: (_error: unknown) => {}, settled: Promise.resolve() as Promise<unknown> };
  /** Starts a call whose outcome the test decides later, through `probe`. */
  const start = () => {
    probe.settled = breaker
      .execute(() => new Promise<string>((resolve, reject) => Object.assign(probe, { resolve, reject })))
      .catch((error: unknown) => error);
  };
  return { clock, breaker, changes, succeed, fail, watch, probe, start };
}
type Harness = ReturnType<typeof setup>;

/** Brings a fresh breaker into each state by its public API. */
const into: Record<CircuitState, (h: Harness) => Promise<unknown>> = {
  CLOSED: async () => {},
  OPEN: (h) => h.fail(),
  HALF_OPEN: async (h) => {
    await h.fail();
    h.clock.advance(1_000);
    h.start(); // the probe stays in flight until the test settles it
  },
  ISOLATED: async (h) => h.breaker.isolate(),
  DISABLED: async (h) => h.breaker.disable(),
};

describe('circuit breaker trip conditions (CLOSED -> OPEN)', () => {
  const cases: Array<{ name: string; options: CircuitBreakerOptions; feed: (h: Harness) => Promise<unknown>; reason: string }> = [
    {
      name: 'opens after 3 consecutive failures',
      options: { consecutiveFailures: 3 },
      feed: async (h) => {
        for (let i = 0; i < 3; i++) await h.fail();
      },
      reason: '3 consecutive failures',
    },
    {
      name: 'opens when the failure rate reaches the threshold over minimumCalls',
      options: { consecutiveFailures: undefined, minimumCalls: 10, failureRateThreshold: 0.5 },
      feed: async (h) => {
        for (let i = 0; i < 5; i++) await h.succeed();
        for (let i = 0; i < 5; i++) await h.fail();
      },
      reason: 'failure rate 0.5 >= 0.5 over 10 calls',
    },
    {
      name: 'opens when the slow-call rate reaches the threshold',
      options: { consecutiveFailures: undefined, minimumCalls: 4, slowCallDuration: 100, slowCallRateThreshold: 0.5 },
      feed: async (h) => {
        for (const tookMs of [10, 150, 10, 101]) await h.succeed(tookMs);
      },
      reason: 'slow-call rate 0.5 >= 0.5 over 4 calls',
    },
    {
      name: 'opens when tripWhen says so',
      options: { consecutiveFailures: undefined, tripWhen: (c) => c.calls >= 3 },
      feed: async (h) => {
        for (let i = 0; i < 3; i++) await h.succeed();
      },
      reason: 'tripWhen',
    },
  ];

  it.each(cases)('$name', async ({ options, feed, reason }) => {
    const h = setup(options);
    h.watch();
    await feed(h);
    expect(h.breaker.state).toBe(CircuitState.Open);
    expect(h.changes).toEqual([{ name: 'inventory', from: 'CLOSED', to: 'OPEN', reason }]);
  });

  it('stays closed one outcome short of each condition', async () => {
    const h = setup({ consecutiveFailures: 3 });
    await h.fail();
    await h.fail();
    await h.succeed();
    await h.fail();
    await h.fail();
    expect(h.breaker.state).toBe(CircuitState.Closed);
  });
});

describe('circuit breaker transitions from each state', () => {
  const cases: Array<{ from: CircuitState; action: string; act: (h: Harness) => Promise<unknown>; to: CircuitState; reason: string }> = [
    { from: 'OPEN', action: 'a call after openDuration', act: async (h) => (h.clock.advance(1_000), void h.breaker.execute(() => never)), to: 'HALF_OPEN', reason: 'open duration elapsed' },
    { from: 'HALF_OPEN', action: 'a successful probe', act: (h) => (h.probe.resolve('ok'), h.probe.settled), to: 'CLOSED', reason: 'probes succeeded' },
    { from: 'HALF_OPEN', action: 'a failed probe', act: (h) => (h.probe.reject(boom), h.probe.settled), to: 'OPEN', reason: 'probe failed' },
    { from: 'HALF_OPEN', action: 'a slow probe', act: (h) => (h.clock.advance(600), h.probe.resolve('ok'), h.probe.settled), to: 'OPEN', reason: 'probe slow' },
    ...(['CLOSED', 'OPEN', 'HALF_OPEN', 'DISABLED'] as const).map((from) => ({
      from, action: 'isolate()', act: async (h: Harness) => h.breaker.isolate(), to: CircuitState.Isolated, reason: 'isolate',
    })),
    ...(['OPEN', 'HALF_OPEN', 'ISOLATED', 'DISABLED'] as const).map((from) => ({
      from, action: 'reset()', act: async (h: Harness) => h.breaker.reset(), to: CircuitState.Closed, reason: 'reset',
    })),
    ...(['CLOSED', 'OPEN', 'HALF_OPEN', 'ISOLATED'] as const).map((from) => ({
      from, action: 'disable()', act: async (h: Harness) => h.breaker.disable(), to: CircuitState.Disabled, reason: 'disable',
    })),
  ];

  it.each(cases)('$from -> $to on $action', async ({ from, act, to, reason }) => {
    const h = setup({ slowCallDuration: 500 });
    await into[from](h);
    expect(h.breaker.state).toBe(from);
    h.watch();
    await act(h);
    expect(h.breaker.state).toBe(to);
    expect(h.changes).toEqual([{ name: 'inventory', from, to, reason }]);
  });

  it('ISOLATED -> CLOSED when the isolation is disposed', async () => {
    const h = setup();
    const isolation = h.breaker.isolate();
    h.watch();
    isolation.dispose();
    expect(h.breaker.state).toBe(CircuitState.Closed);
    expect(h.changes).toEqual([{ name: 'inventory', from: 'ISOLATED', to: 'CLOSED', reason: 'isolation disposed' }]);
  });

  it('stays ISOLATED until every isolation is disposed, and ignores handles from before a reset', async () => {
    const h = setup();
    const first = h.breaker.isolate();
    const second = h.breaker.isolate();
    first.dispose();
    first.dispose();
    expect(h.breaker.state).toBe(CircuitState.Isolated);
    second.dispose();
    expect(h.breaker.state).toBe(CircuitState.Closed);
    const stale = h.breaker.isolate();
    h.breaker.reset();
    h.breaker.isolate();
    stale.dispose();
    expect(h.breaker.state).toBe(CircuitState.Isolated);
  });

  it('rejects every call while ISOLATED without calling the function', async () => {
    const h = setup();
    h.breaker.isolate();
    let calls = 0;
    const error = await h.breaker.execute(() => ++calls).catch((e: unknown) => e);
    expect(isBrokenCircuitError(error) && error.state).toBe('ISOLATED');
    expect(calls).toBe(0);
  });

  it('rejects while OPEN until openDuration has elapsed, then admits a probe', async () => {
    const h = setup();
    await h.fail();
    h.clock.advance(999);
    const error = await h.breaker.execute(() => 'ok').catch((e: unknown) => e);
    expect(isBrokenCircuitError(error) && error.retryAfterMs).toBe(1);
    expect(h.breaker.state).toBe(CircuitState.Open);
    h.clock.advance(1);
    await expect(h.breaker.execute(() => 'probe')).resolves.toBe('probe');
    expect(h.breaker.state).toBe(CircuitState.Closed);
  });

  it('passes every call through while DISABLED and keeps counting without tripping', async () => {
    const h = setup();
    h.breaker.disable();
    let reached = 0;
    for (let i = 0; i < 50; i++) {
      await h.breaker.execute(() => {
        reached++;
        throw boom;
      }).catch(() => {});
    }
    await h.succeed();
    expect(reached).toBe(50);
    expect(h.breaker.state).toBe(CircuitState.Disabled);
    expect(h.breaker.counts()).toEqual({ calls: 51, failures: 50, slowCalls: 0, cost: 51 });
  });

  it('clears the window, consecutive failures and openings on reset', async () => {
    const h = setup({ consecutiveFailures: 2, openBackoff: {} });
    await h.fail();
    expect(h.breaker.counts().failures).toBe(1);
    h.breaker.reset();
    expect(h.breaker.counts()).toEqual({ calls: 0, failures: 0, slowCalls: 0, cost: 0 });
    await h.fail();
    expect(h.breaker.state).toBe(CircuitState.Closed);
    await h.fail();
    expect(h.breaker.toJSON()).toMatchObject({ state: 'OPEN', openings: 1, remainingOpenMs: 1_000 });
  });
});

