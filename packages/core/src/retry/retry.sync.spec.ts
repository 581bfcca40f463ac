import { describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../clock/manual.clock.js';
import { BrokenCircuitError } from '../errors/broken-circuit.error.js';
import type { RetryEvent, RetryGiveUpEvent } from './retry.events.js';
import { retry } from './retry.policy.js';
import { retryBudget } from './retry-budget.js';

/** A synchronous operation that throws `errors[i]` on call i and returns 'ok' after. */
function failing(...errors: unknown[]) {
  return vi.fn(({ attempt }: { attempt: number }) => {
    if (attempt <= errors.length) throw errors[attempt - 1];
    return 'ok';
  });
}

describe('RetryPolicy.executeSync', () => {
  it('returns synchronously, retrying at once without a timer', () => {
    vi.useFakeTimers();
    try {
      const policy = retry({ delay: '10s' });
      const retries: RetryEvent[] = [];
      policy.onRetry((event) => retries.push(event));
      const fn = failing(new Error('a'), new Error('b'));
      expect(policy.executeSync(fn)).toBe('ok');
      expect(fn.mock.calls.map(([context]) => context.attempt)).toEqual([1, 2, 3]);
      expect(retries.map((e) => [e.attempt, e.delayMs])).toEqual([
        [2, 0],
        [3, 0],
      ]);
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('gives up after maxAttempts and rethrows the last error unchanged', () => {
    const last = new Error('c');
    const policy = retry({ maxAttempts: 3 });
    const giveUps: RetryGiveUpEvent[] = [];
    policy.onGiveUp((event) => giveUps.push(event));
    expect(() => policy.executeSync(failing(new Error('a'), new Error('b'), last, new Error('d')))).toThrow(last);
    expect(giveUps).toEqual([{ attempts: 3, reason: 'attempts', error: last }]);
  });

  it('does not retry a BrokenCircuitError', () => {
    const refused = BrokenCircuitError.fastFail('ledger', 'OPEN', 500);
    const fn = failing(refused);
    expect(() => retry().executeSync(fn)).toThrow(refused);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('retries results and returns the last one when attempts run out', () => {
    let calls = 0;
    const policy = retry({ maxAttempts: 2, retryOnResult: (result) => (result as number) < 10 });
    expect(policy.executeSync(() => ++calls)).toBe(2);
  });

  it('spends the budget and honours maxElapsed', () => {
    const clock = new ManualClock();
    const budget = retryBudget({ ratio: 1, minRetriesPerSecond: 0, clock });
    const reasons: string[] = [];
    const policy = retry({ maxAttempts: 10, budget, maxElapsed: 100, clock });
    policy.onGiveUp(({ reason }) => reasons.push(reason));
    expect(() => policy.executeSync(failing(new Error('a'), new Error('b')))).toThrow('b');
    const slow = vi.fn(() => {
      clock.advance(60);
      throw new Error('slow');
    });
    budget.reset();
    for (let i = 0; i < 5; i++) budget.recordCall();
    expect(() => policy.executeSync(slow)).toThrow('slow');
    expect(slow).toHaveBeenCalledTimes(2);
    expect(reasons).toEqual(['budget', 'elapsed']);
  });

  it('rejects an already-aborted signal before the first attempt, and stops once it aborts', () => {
    const fn = vi.fn(() => 'never');
    expect(() => retry().executeSync(fn, AbortSignal.abort('gone'))).toThrow('gone');
    expect(fn).not.toHaveBeenCalled();
    const controller = new AbortController();
    const aborting = vi.fn(() => {
      controller.abort();
      throw new Error('x');
    });
    expect(() => retry().executeSync(aborting, controller.signal)).toThrow('x');
    expect(aborting).toHaveBeenCalledTimes(1);
  });

  it('emits onSuccess with the attempts it took', () => {
    const policy = retry();
    const onSuccess = vi.fn();
    policy.onSuccess(onSuccess);
    policy.executeSync(failing(new Error('a')));
    expect(onSuccess).toHaveBeenCalledWith({ attempts: 2 });
  });
});
