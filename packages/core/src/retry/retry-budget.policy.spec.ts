import { describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../clock/manual.clock.js';
import type { RetryGiveUpEvent } from './retry.events.js';
import { retry } from './retry.policy.js';
import { retryBudget } from './retry-budget.js';

const failure = (): never => {
  throw new Error('dependency down');
};

async function callMany(times: number, run: () => Promise<unknown>): Promise<void> {
  for (let i = 0; i < times; i++) await run().catch(() => undefined);
}

describe('RetryPolicy with a RetryBudget', () => {
  it('turns 100 failing calls into at most 10 retries at ratio 0.1 with no floor', async () => {
    const budget = retryBudget({ ratio: 0.1, minRetriesPerSecond: 0, clock: new ManualClock() });
    const policy = retry({ maxAttempts: 3, delay: 0, budget });
    const fn = vi.fn(failure);
    const reasons: RetryGiveUpEvent['reason'][] = [];
    policy.onGiveUp(({ reason }) => reasons.push(reason));
    await callMany(100, () => policy.execute(fn));
    // Without the budget: 300 attempts.
    expect(fn.mock.calls.length - 100).toBe(10);
    expect(budget.calls).toBe(100);
    expect(budget.retries).toBe(10);
    expect(reasons.filter((r) => r === 'budget')).toHaveLength(100);
  });

  it('gives up with reason "budget" and rethrows the last error', async () => {
    const budget = retryBudget({ ratio: 0.1, minRetriesPerSecond: 0, clock: new ManualClock() });
    const policy = retry({ delay: 0, budget });
    const events: RetryGiveUpEvent[] = [];
    policy.onGiveUp((event) => events.push(event));
    const error = new Error('refused');
    await expect(policy.execute(() => Promise.reject(error))).rejects.toBe(error);
    expect(events).toEqual([{ attempts: 1, reason: 'budget', error }]);
  });

  it('lets retries through again once the window slides past the exhausted period', async () => {
    const clock = new ManualClock();
    const budget = retryBudget({ ratio: 0.1, minRetriesPerSecond: 0, window: '10s', clock });
    const policy = retry({ maxAttempts: 2, delay: 0, budget });
    const fn = vi.fn(failure);
    await callMany(100, () => policy.execute(fn));
    expect(fn).toHaveBeenCalledTimes(110);

    // A burst of retries from a newer period, while the old calls still count.
    clock.advance(5_000);
    await callMany(20, () => policy.execute(fn));
    expect(fn).toHaveBeenCalledTimes(110 + 20 + 2);

    clock.advance(20_000);
    fn.mockClear();
    await callMany(50, () => policy.execute(fn));
    expect(fn).toHaveBeenCalledTimes(55);
  });

  it('does not spend the budget on failures it would not retry', async () => {
    const budget = retryBudget({ ratio: 1, minRetriesPerSecond: 0, clock: new ManualClock() });
    const policy = retry({ maxAttempts: 1, delay: 0, budget, retryOn: () => true });
    await callMany(5, () => policy.execute(failure));
    expect(budget.retries).toBe(0);
    expect(budget.calls).toBe(5);
  });

  it('records every call, successful or not, and is shared by several policies', async () => {
    const budget = retryBudget({ ratio: 0.5, minRetriesPerSecond: 0, clock: new ManualClock() });
    const reads = retry({ delay: 0, budget });
    const writes = retry({ delay: 0, budget });
    await callMany(3, () => reads.execute(() => 'ok'));
    await callMany(1, () => writes.execute(() => 'ok'));
    expect(budget.calls).toBe(4);
    expect(budget.available).toBe(2);
    const fn = vi.fn(failure);
    await callMany(1, () => writes.execute(fn));
    // 5 calls allow 2 retries: the failing write used both.
    expect(fn).toHaveBeenCalledTimes(3);
    expect(budget.available).toBe(0);
  });
});
