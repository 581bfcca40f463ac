import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EventEmitter } from '../events/event-emitter.js';
import { retry } from './retry.policy.js';

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

/** An operation that fails `times` times with errors named after the attempt, then returns 'ok'. */
function failingTimes(times: number): () => string {
  let calls = 0;
  return () => {
    calls++;
    if (calls <= times) throw new Error(`attempt ${calls}`);
    return 'ok';
  };
}

describe('RetryPolicy events', () => {
  it('emits onRetry before each wait with the next attempt, the wait and the error', async () => {
    const policy = retry({ delay: 100, jitter: 'none' });
    const onRetry = vi.fn();
    policy.onRetry(onRetry);
    const call = policy.execute(failingTimes(2));
    await vi.runAllTimersAsync();
    await expect(call).resolves.toBe('ok');
    expect(onRetry.mock.calls).toEqual([
      [{ attempt: 2, delayMs: 100, error: new Error('attempt 1') }],
      [{ attempt: 3, delayMs: 200, error: new Error('attempt 2') }],
    ]);
  });

  it('emits onRetry with the result for a result-based retry', async () => {
    const results = ['busy', 'ready'];
    const policy = retry({ delay: 0, retryOnResult: (result) => result === 'busy' });
    const onRetry = vi.fn();
    policy.onRetry(onRetry);
    await policy.execute(() => results.shift());
    expect(onRetry).toHaveBeenCalledWith({ attempt: 2, delayMs: 0, result: 'busy' });
  });

  it('emits onRetry while the wait is pending, before the next attempt', async () => {
    const policy = retry({ delay: 100, jitter: 'none' });
    const fn = vi.fn(failingTimes(1));
    const attemptsSeen: number[] = [];
    policy.onRetry(() => attemptsSeen.push(fn.mock.calls.length));
    const call = policy.execute(fn);
    await vi.runAllTimersAsync();
    await call;
    expect(attemptsSeen).toEqual([1]);
  });

  it.each([
    [0, 1],
    [1, 2],
    [2, 3],
  ])('emits onSuccess once with attempts = %d failures + 1', async (failures, attempts) => {
    const policy = retry({ delay: 0 });
    const onSuccess = vi.fn();
    const onGiveUp = vi.fn();
    policy.onSuccess(onSuccess);
    policy.onGiveUp(onGiveUp);
    await policy.execute(failingTimes(failures));
    expect(onSuccess.mock.calls).toEqual([[{ attempts }]]);
    expect(onGiveUp).not.toHaveBeenCalled();
  });

  it('emits onGiveUp once, and no onSuccess, when the call fails', async () => {
    const policy = retry({ delay: 0, maxAttempts: 2 });
    const onSuccess = vi.fn();
    const onGiveUp = vi.fn();
    policy.onSuccess(onSuccess);
    policy.onGiveUp(onGiveUp);
    await expect(policy.execute(failingTimes(5))).rejects.toThrow('attempt 2');
    expect(onGiveUp.mock.calls).toEqual([[{ attempts: 2, reason: 'attempts', error: new Error('attempt 2') }]]);
    expect(onSuccess).not.toHaveBeenCalled();
  });

  it('stops calling a listener once its subscription is disposed', async () => {
    const policy = retry({ delay: 0 });
    const onRetry = vi.fn();
    const onSuccess = vi.fn();
    const onGiveUp = vi.fn();
    const subscriptions = [policy.onRetry(onRetry), policy.onSuccess(onSuccess), policy.onGiveUp(onGiveUp)];
    await policy.execute(failingTimes(1));
    for (const subscription of subscriptions) subscription.dispose();
    await policy.execute(failingTimes(1));
    await expect(policy.execute(failingTimes(5))).rejects.toThrow();
    expect([onRetry.mock.calls.length, onSuccess.mock.calls.length, onGiveUp.mock.calls.length]).toEqual([1, 1, 0]);
  });

  it('emits nothing, and so builds no payload, when nobody listens', async () => {
    const policy = retry({ delay: 0 });
    const subscription = policy.onRetry(() => {});
    subscription.dispose();
    const emit = vi.spyOn(EventEmitter.prototype, 'emit');
    await policy.execute(failingTimes(2));
    expect(emit).not.toHaveBeenCalled();
    emit.mockRestore();
  });
});
