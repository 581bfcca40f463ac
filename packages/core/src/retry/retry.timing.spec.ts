import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../clock/manual.clock.js';
import type { RetryEvent, RetryGiveUpEvent } from './retry.events.js';
import { retry, type RetryPolicy } from './retry.policy.js';

function recorded(policy: RetryPolicy): { retries: RetryEvent[]; giveUps: RetryGiveUpEvent[] } {
  const retries: RetryEvent[] = [];
  const giveUps: RetryGiveUpEvent[] = [];
  policy.onRetry((event) => retries.push(event));
  policy.onGiveUp((event) => giveUps.push(event));
  return { retries, giveUps };
}

/** Attaches handlers at once, so a rejection is never unhandled while timers are advanced. */
function track<T>(promise: Promise<T>): { settled: boolean; value?: T; error?: unknown } {
  const state: { settled: boolean; value?: T; error?: unknown } = { settled: false };
  promise.then(
    (value) => Object.assign(state, { settled: true, value }),
    (error: unknown) => Object.assign(state, { settled: true, error }),
  );
  return state;
}

const alwaysFails = (): never => {
  throw new Error('down');
};

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('RetryPolicy: waits', () => {
  it.each([
    ['constant', [100, 100, 100, 100]],
    ['linear', [100, 200, 300, 400]],
    ['exponential', [100, 200, 400, 500]],
  ] as const)('waits the %s backoff %j between attempts, capped at maxDelay', async (backoff, delays) => {
    const policy = retry({ backoff, delay: 100, maxDelay: 500, jitter: 'none', maxAttempts: 5 });
    const { retries } = recorded(policy);
    track(policy.execute(alwaysFails));
    await vi.runAllTimersAsync();
    expect(retries.map((e) => e.delayMs)).toEqual(delays);
  });

  it('starts the next attempt only when the wait is over', async () => {
    const fn = vi.fn(alwaysFails);
    track(retry({ delay: '1s', jitter: 'none', maxAttempts: 2 }).execute(fn));
    await vi.advanceTimersByTimeAsync(999);
    expect(fn).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(fn).toHaveBeenCalledTimes(2);
  });

  it('multiplies exponential waits by multiplier', async () => {
    const policy = retry({ delay: 10, multiplier: 3, jitter: 'none', maxAttempts: 4 });
    const { retries } = recorded(policy);
    track(policy.execute(alwaysFails));
    await vi.runAllTimersAsync();
    expect(retries.map((e) => e.delayMs)).toEqual([10, 30, 90]);
  });

  it('applies full jitter by default with the injected random source', async () => {
    const policy = retry({ delay: 100, random: () => 0.25, maxAttempts: 4 });
    const { retries } = recorded(policy);
    track(policy.execute(alwaysFails));
    await vi.runAllTimersAsync();
    expect(retries.map((e) => e.delayMs)).toEqual([25, 50, 100]);
  });

  it('draws each decorrelated wait from [delay, 3 × the previous wait]', async () => {
    const policy = retry({ delay: 100, maxDelay: 10_000, jitter: 'decorrelated', random: () => 0.5, maxAttempts: 5 });
    const { retries } = recorded(policy);
    track(policy.execute(alwaysFails));
    await vi.runAllTimersAsync();
    expect(retries.map((e) => e.delayMs)).toEqual([200, 350, 575, 912.5]);
  });
});

describe('RetryPolicy: Retry-After hints', () => {
  const throttled = (retryAfterMs: unknown): Error => Object.assign(new Error('429'), { retryAfterMs });

  it('waits the error’s retryAfterMs instead of the backoff, without jitter', async () => {
    const errors = [throttled(2_500), new Error('plain')];
    const policy = retry({ delay: 100, jitter: 'none' });
    const { retries } = recorded(policy);
    track(policy.execute(() => Promise.reject(errors.shift())));
    await vi.runAllTimersAsync();
    expect(retries.map((e) => e.delayMs)).toEqual([2_500, 200]);
  });

  it.each([
    ['capped at maxDelay', 60_000, 10_000],
    ['raised to 0 when negative', -5, 0],
    ['ignored when not finite', Infinity, 100],
    ['ignored when not a number', '2000', 100],
  ])('treats a hint as %s', async (_case, hint, wait) => {
    const policy = retry({ delay: 100, maxDelay: '10s', jitter: 'none', maxAttempts: 2 });
    const { retries } = recorded(policy);
    track(policy.execute(() => Promise.reject(throttled(hint))));
    await vi.runAllTimersAsync();
    expect(retries.map((e) => e.delayMs)).toEqual([wait]);
  });

  it('reads hints with a custom retryAfter', async () => {
    const policy = retry({ retryAfter: (error) => (error as { headers: { 'retry-after': number } }).headers['retry-after'] * 1_000, maxAttempts: 2 });
    const { retries } = recorded(policy);
    track(policy.execute(() => Promise.reject(Object.assign(new Error('503'), { headers: { 'retry-after': 3 } }))));
    await vi.runAllTimersAsync();
    expect(retries.map((e) => e.delayMs)).toEqual([3_000]);
  });
});

describe('RetryPolicy: maxElapsed', () => {
  it('gives up with reason "elapsed" rather than start a wait that would end past maxElapsed', async () => {
    const policy = retry({ delay: 100, backoff: 'constant', jitter: 'none', maxAttempts: 10, maxElapsed: 250, clock: { now: () => Date.now() } });
    const { giveUps } = recorded(policy);
    const last = new Error('third');
    const errors = [new Error('first'), new Error('second'), last];
    const call = track(policy.execute(() => Promise.reject(errors.shift())));
    await vi.runAllTimersAsync();
    // Attempts at 0, 100 and 200 ms; a wait to 300 ms would pass 250 ms.
    expect(call.error).toBe(last);
    expect(giveUps).toEqual([{ attempts: 3, reason: 'elapsed', error: last }]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('counts the time attempts take, measured on the injected clock', async () => {
    const clock = new ManualClock(5_000);
    const policy = retry({ delay: 100, backoff: 'constant', jitter: 'none', maxAttempts: 10, maxElapsed: '1s', clock });
    const { giveUps } = recorded(policy);
    policy.onRetry(({ delayMs }) => clock.advance(delayMs));
    const fn = vi.fn(() => {
      clock.advance(300);
      throw new Error('slow failure');
    });
    track(policy.execute(fn));
    await vi.runAllTimersAsync();
    // Attempts end at 300, 700 and 1,100 ms; waits of 100 ms fit after the first two only.
    expect(fn).toHaveBeenCalledTimes(3);
    expect(giveUps.map((e) => [e.attempts, e.reason])).toEqual([[3, 'elapsed']]);
  });

  it('lets a wait end exactly at maxElapsed', async () => {
    const policy = retry({ delay: 100, backoff: 'constant', jitter: 'none', maxAttempts: 10, maxElapsed: 200, clock: { now: () => Date.now() } });
    const fn = vi.fn(alwaysFails);
    track(policy.execute(fn));
    await vi.runAllTimersAsync();
    expect(fn).toHaveBeenCalledTimes(3);
  });
});

describe('RetryPolicy: cancellation', () => {
  it('rejects at once with the signal’s reason when aborted mid-wait, and runs no further attempt', async () => {
    const controller = new AbortController();
    const policy = retry({ delay: '10s', jitter: 'none', maxAttempts: 5 });
    const { giveUps } = recorded(policy);
    const fn = vi.fn(alwaysFails);
    const call = policy.execute(fn, controller.signal);
    track(call);
    await vi.advanceTimersByTimeAsync(1_000);
    const reason = new Error('client went away');
    const abortedAt = Date.now();
    controller.abort(reason);
    // Fake time stands still here: had the abort not cancelled the wait, this would never settle.
    await expect(call).rejects.toBe(reason);
    expect(Date.now()).toBe(abortedAt);
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fn).toHaveBeenCalledTimes(1);
    expect(giveUps).toEqual([{ attempts: 1, reason: 'aborted', error: reason }]);
  });

  it('rejects before the first attempt when the signal is already aborted', async () => {
    const reason = new Error('cancelled');
    const policy = retry();
    const { giveUps } = recorded(policy);
    const fn = vi.fn(() => 'never');
    await expect(policy.execute(fn, AbortSignal.abort(reason))).rejects.toBe(reason);
    expect(fn).not.toHaveBeenCalled();
    expect(giveUps).toEqual([{ attempts: 0, reason: 'aborted', error: reason }]);
  });

  it('does not start the next attempt when a listener aborts during a zero wait', async () => {
    const controller = new AbortController();
    const policy = retry({ delay: 0 });
    policy.onRetry(() => controller.abort('stop'));
    const fn = vi.fn(alwaysFails);
    await expect(policy.execute(fn, controller.signal)).rejects.toBe('stop');
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('removes its abort listener when a wait ends', async () => {
    const controller = new AbortController();
    const remove = vi.spyOn(controller.signal, 'removeEventListener');
    const call = track(retry({ delay: 100, maxAttempts: 2 }).execute(alwaysFails, controller.signal));
    await vi.runAllTimersAsync();
    expect(call.settled).toBe(true);
    expect(remove).toHaveBeenCalledWith('abort', expect.any(Function));
  });
});
