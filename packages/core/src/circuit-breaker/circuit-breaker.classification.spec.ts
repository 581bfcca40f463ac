import { describe, expect, it } from 'vitest';
import { ManualClock } from '../clock/manual.clock.js';
import { neverAbortedSignal, type PolicyContext } from '../policy/policy.js';
import type { CircuitBreakerOptions } from './circuit-breaker.options.js';
import { circuitBreaker } from './circuit-breaker.policy.js';

class HttpError extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
  }
}
const abortError = Object.assign(new Error('The operation was aborted'), { name: 'AbortError' });

type Call = (context: PolicyContext) => unknown;
const throwing = (error: unknown): Call => () => {
  throw error;
};

describe('classifying outcomes', () => {
  const cases: Array<{ name: string; options: CircuitBreakerOptions; call: Call; abort?: boolean; counts: { calls: number; failures: number } }> = [
    { name: 'an error is a failure by default', options: {}, call: throwing(new HttpError(500)), counts: { calls: 1, failures: 1 } },
    { name: 'a result is a success by default', options: {}, call: () => ({ status: 503 }), counts: { calls: 1, failures: 0 } },
    {
      name: 'an error isFailure accepts is a failure',
      options: { isFailure: (e) => e instanceof HttpError && e.status >= 500 },
      call: throwing(new HttpError(502)),
      counts: { calls: 1, failures: 1 },
    },
    {
      name: 'an error isFailure rejects is a success: the dependency answered',
      options: { isFailure: (e) => e instanceof HttpError && e.status >= 500 },
      call: throwing(new HttpError(404)),
      counts: { calls: 1, failures: 0 },
    },
    {
      name: 'an error isIgnored accepts is neutral',
      options: { isIgnored: (e) => e instanceof HttpError && e.status === 429 },
      call: throwing(new HttpError(429)),
      counts: { calls: 0, failures: 0 },
    },
    {
      name: 'isIgnored wins over isFailure',
      options: { isIgnored: () => true, isFailure: () => true },
      call: throwing(new HttpError(500)),
      counts: { calls: 0, failures: 0 },
    },
    {
      name: 'a result isFailureResult accepts is a failure',
      options: { isFailureResult: (r) => (r as { status: number }).status >= 500 },
      call: () => ({ status: 503 }),
      counts: { calls: 1, failures: 1 },
    },
    { name: 'an AbortError is neutral by default', options: {}, call: throwing(abortError), counts: { calls: 0, failures: 0 } },
    { name: 'an AbortError counts with countAborts', options: { countAborts: true }, call: throwing(abortError), counts: { calls: 1, failures: 1 } },
    {
      name: 'a call whose caller aborted is neutral by default, whatever it throws',
      options: {},
      call: throwing(new HttpError(500)),
      abort: true,
      counts: { calls: 0, failures: 0 },
    },
    {
      name: 'a call whose caller aborted counts with countAborts',
      options: { countAborts: true },
      call: throwing(new HttpError(500)),
      abort: true,
      counts: { calls: 1, failures: 1 },
    },
  ];

  it.each(cases)('$name', async ({ options, call, abort, counts }) => {
    const breaker = circuitBreaker({ clock: new ManualClock(), ...options });
    const controller = new AbortController();
    const fn: Call = (context) => {
      if (abort) controller.abort();
      return call(context);
    };
    await breaker.execute(fn, controller.signal).catch(() => {});
    expect(breaker.counts()).toMatchObject(counts);
  });

  it('a neutral outcome neither counts nor resets consecutive failures', async () => {
    const breaker = circuitBreaker({ clock: new ManualClock(), consecutiveFailures: 2 });
    await breaker.execute(throwing(new HttpError(500))).catch(() => {});
    await breaker.execute(throwing(abortError)).catch(() => {});
    await breaker.execute(throwing(new HttpError(500))).catch(() => {});
    expect(breaker.state).toBe('OPEN');
  });

  it('refuses a call whose signal is already aborted without calling fn or taking a probe slot', async () => {
    const clock = new ManualClock();
    const breaker = circuitBreaker({ clock, consecutiveFailures: 1, openDuration: 10 });
    await breaker.execute(throwing(new HttpError(500))).catch(() => {});
    clock.advance(10);
    const controller = new AbortController();
    controller.abort(new Error('caller gave up'));
    let calls = 0;
    await expect(breaker.execute(() => ++calls, controller.signal)).rejects.toThrow('caller gave up');
    expect(calls).toBe(0);
    expect(breaker.state).toBe('OPEN');
    await expect(breaker.execute(() => 'probe')).resolves.toBe('probe');
  });
});

describe('the context handed to fn', () => {
  it('is one frozen object shared by unsignalled calls', async () => {
    const breaker = circuitBreaker({ clock: new ManualClock() });
    const seen: PolicyContext[] = [];
    await breaker.execute((context) => seen.push(context));
    await breaker.execute((context) => seen.push(context), neverAbortedSignal);
    expect(seen[0]).toBe(seen[1]);
    expect(seen[0].signal).toBe(neverAbortedSignal);
    expect(Object.isFrozen(seen[0])).toBe(true);
  });

  it('is reused for the same signal and distinct for another', async () => {
    const breaker = circuitBreaker({ clock: new ManualClock() });
    const a = new AbortController().signal;
    const b = new AbortController().signal;
    const seen: PolicyContext[] = [];
    for (const signal of [a, a, b]) await breaker.execute((context) => seen.push(context), signal);
    expect(seen[0]).toBe(seen[1]);
    expect(seen[2]).not.toBe(seen[0]);
    expect(seen.map((c) => c.signal)).toEqual([a, a, b]);
  });
});

describe('executeSync', () => {
  it('counts, trips and refuses synchronously', () => {
    const breaker = circuitBreaker({ clock: new ManualClock(), consecutiveFailures: 2 });
    expect(breaker.executeSync(() => 'ok')).toBe('ok');
    for (let i = 0; i < 2; i++) expect(() => breaker.executeSync(throwing(new HttpError(500)))).toThrow('HTTP 500');
    expect(breaker.counts()).toMatchObject({ calls: 3, failures: 2 });
    expect(() => breaker.executeSync(() => 'x')).toThrow('Circuit "circuit" is OPEN');
  });

  it('classifies like execute and hands fn the shared context', () => {
    const breaker = circuitBreaker({ clock: new ManualClock(), isFailureResult: (r) => r === 'bad' });
    let context: PolicyContext | undefined;
    breaker.executeSync((c) => ((context = c), 'bad'));
    expect(() => breaker.executeSync(throwing(abortError))).toThrow(abortError);
    expect(breaker.counts()).toMatchObject({ calls: 1, failures: 1 });
    expect(context?.signal).toBe(neverAbortedSignal);
  });
});
