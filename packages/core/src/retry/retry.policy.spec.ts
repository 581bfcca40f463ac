import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BrokenCircuitError } from '../errors/broken-circuit.error.js';
import type { RetryContext } from './retry.context.js';
import type { RetryGiveUpEvent } from './retry.events.js';
import { retry, type RetryPolicy } from './retry.policy.js';

class HttpError extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
  }
}

/** An operation that throws `errors[i]` on call i and returns 'ok' once they run out. */
function failing(...errors: unknown[]) {
  const contexts: RetryContext[] = [];
  const fn = vi.fn((context: RetryContext) => {
    contexts.push(context);
    if (contexts.length <= errors.length) throw errors[contexts.length - 1];
    return 'ok';
  });
  return { fn, contexts };
}

function giveUps(policy: RetryPolicy): RetryGiveUpEvent[] {
  const events: RetryGiveUpEvent[] = [];
  policy.onGiveUp((event) => events.push(event));
  return events;
}

/** Runs a call to completion under fake timers, returning what it settled with. */
async function settle<T>(promise: Promise<T>): Promise<{ value?: T; error?: unknown }> {
  const outcome = promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  await vi.runAllTimersAsync();
  return outcome;
}

const fast = { delay: 0, jitter: 'none' } as const;

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('RetryPolicy: attempts', () => {
  it('returns a first success without a timer or a retry', async () => {
    const { fn, contexts } = failing();
    await expect(retry().execute(fn)).resolves.toBe('ok');
    expect(contexts.map((c) => c.attempt)).toEqual([1]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('retries until an attempt succeeds, numbering attempts from 1', async () => {
    const { fn, contexts } = failing(new Error('a'), new Error('b'));
    expect(await settle(retry({ maxAttempts: 3 }).execute(fn))).toEqual({ value: 'ok' });
    expect(contexts.map((c) => c.attempt)).toEqual([1, 2, 3]);
  });

  it('gives up after maxAttempts with reason "attempts" and rethrows the last error unchanged', async () => {
    const last = new Error('third');
    const { fn } = failing(new Error('first'), new Error('second'), last, new Error('never thrown'));
    const policy = retry({ maxAttempts: 3, ...fast });
    const events = giveUps(policy);
    const { error } = await settle(policy.execute(fn));
    expect(error).toBe(last);
    expect(fn).toHaveBeenCalledTimes(3);
    expect(events).toEqual([{ attempts: 3, reason: 'attempts', error: last }]);
  });

  it('runs exactly once with maxAttempts 1', async () => {
    const { fn } = failing(new Error('once'));
    const policy = retry({ maxAttempts: 1 });
    const events = giveUps(policy);
    expect((await settle(policy.execute(fn))).error).toEqual(new Error('once'));
    expect(events.map((e) => e.reason)).toEqual(['attempts']);
  });

  it('rethrows a synchronous throw and a rejection alike', async () => {
    const rejection = new Error('async');
    const fn = vi.fn(async () => {
      throw rejection;
    });
    expect((await settle(retry({ maxAttempts: 2, ...fast }).execute(fn))).error).toBe(rejection);
    expect(fn).toHaveBeenCalledTimes(2);
  });

  it('passes the caller signal to every attempt', async () => {
    const controller = new AbortController();
    const { fn, contexts } = failing(new Error('a'));
    await settle(retry(fast).execute(fn, controller.signal));
    expect(contexts.map((c) => c.signal)).toEqual([controller.signal, controller.signal]);
  });
});

describe('RetryPolicy: which errors are retried', () => {
  it('retries errors the retryOn predicate accepts and gives up on others as "not-retryable"', async () => {
    const policy = retry({ ...fast, maxAttempts: 5, retryOn: (error) => error instanceof HttpError && error.status >= 500 });
    const events = giveUps(policy);
    const notFound = new HttpError(404);
    const { fn } = failing(new HttpError(503), new HttpError(502), notFound);
    expect((await settle(policy.execute(fn))).error).toBe(notFound);
    expect(fn).toHaveBeenCalledTimes(3);
    expect(events).toEqual([{ attempts: 3, reason: 'not-retryable', error: notFound }]);
  });

  it('retries instances (and subclass instances) of the listed classes only', async () => {
    class NetworkError extends TypeError {}
    const policy = retry({ ...fast, maxAttempts: 5, retryOn: [TypeError, HttpError] });
    const fatal = new RangeError('bad input');
    const { fn } = failing(new TypeError('reset'), new NetworkError('dns'), new HttpError(500), fatal);
    expect((await settle(policy.execute(fn))).error).toBe(fatal);
    expect(fn).toHaveBeenCalledTimes(4);
  });

  it('retries nothing but results with an empty class list', async () => {
    const policy = retry({ ...fast, retryOn: [], retryOnResult: (result) => result === 'busy' });
    const { fn } = failing(new Error('boom'));
    expect((await settle(policy.execute(fn))).error).toEqual(new Error('boom'));
    expect(fn).toHaveBeenCalledTimes(1);
  });

  const refused = BrokenCircuitError.fastFail('inventory', 'OPEN', 1_000);

  it.each([
    { when: 'by default', retryOn: undefined, attempts: 1 },
    { when: 'when only Error is listed', retryOn: [Error], attempts: 1 },
    { when: 'when BrokenCircuitError is listed', retryOn: [BrokenCircuitError], attempts: 3 },
    { when: 'when the predicate returns false for it', retryOn: (error: unknown) => !(error instanceof BrokenCircuitError), attempts: 1 },
    { when: 'when the predicate returns true for it', retryOn: () => true, attempts: 3 },
  ])('makes $attempts attempt(s) on a BrokenCircuitError $when', async ({ retryOn, attempts }) => {
    const policy = retry({ ...fast, retryOn, retryAfter: () => undefined });
    const events = giveUps(policy);
    const { fn } = failing(refused, refused, refused);
    expect((await settle(policy.execute(fn))).error).toBe(refused);
    expect(fn).toHaveBeenCalledTimes(attempts);
    expect(events[0].reason).toBe(attempts === 1 ? 'not-retryable' : 'attempts');
  });

  it('does not retry an AbortError by default', async () => {
    const abort = new DOMException('This operation was aborted', 'AbortError');
    const policy = retry(fast);
    const events = giveUps(policy);
    const { fn } = failing(abort);
    expect((await settle(policy.execute(fn))).error).toBe(abort);
    expect(events.map((e) => e.reason)).toEqual(['not-retryable']);
  });

  it('never retries once the caller aborted, even when retryOn accepts the error: reason "aborted"', async () => {
    const controller = new AbortController();
    const policy = retry({ ...fast, retryOn: () => true });
    const events = giveUps(policy);
    const failure = new Error('socket closed');
    const fn = vi.fn(() => {
      controller.abort(new Error('user left'));
      throw failure;
    });
    expect((await settle(policy.execute(fn, controller.signal))).error).toBe(failure);
    expect(fn).toHaveBeenCalledTimes(1);
    expect(events).toEqual([{ attempts: 1, reason: 'aborted', error: failure }]);
  });
});

describe('RetryPolicy: result-based retries', () => {
  it('retries results retryOnResult rejects and returns the first good one', async () => {
    const results = ['busy', 'busy', 'ready'];
    const fn = vi.fn(() => results.shift());
    const policy = retry({ ...fast, maxAttempts: 5, retryOnResult: (result) => result === 'busy' });
    expect(await settle(policy.execute(fn))).toEqual({ value: 'ready' });
    expect(fn).toHaveBeenCalledTimes(3);
  });

  it('returns the last result when attempts run out, reporting it in onGiveUp', async () => {
    let calls = 0;
    const policy = retry({ ...fast, maxAttempts: 3, retryOnResult: (result) => (result as { status: number }).status === 503 });
    const events = giveUps(policy);
    const { value } = await settle(policy.execute(() => ({ status: 503, call: ++calls })));
    expect(value).toEqual({ status: 503, call: 3 });
    expect(events).toEqual([{ attempts: 3, reason: 'attempts', result: { status: 503, call: 3 } }]);
  });

  it('mixes error and result retries in one call', async () => {
    const outcomes: Array<() => string> = [
      () => {
        throw new Error('down');
      },
      () => 'busy',
      () => 'ready',
    ];
    const policy = retry({ ...fast, retryOnResult: (result) => result === 'busy' });
    expect(await settle(policy.execute(() => outcomes.shift()!()))).toEqual({ value: 'ready' });
  });
});
