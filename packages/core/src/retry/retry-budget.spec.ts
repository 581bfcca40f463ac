import { describe, expect, it } from 'vitest';
import { ManualClock } from '../clock/manual.clock.js';
import { isInvalidOptionError } from '../errors/invalid-option.error.js';
import { RetryBudget, retryBudget } from './retry-budget.js';

function withdrawals(budget: RetryBudget, tries: number): number {
  let granted = 0;
  for (let i = 0; i < tries; i++) if (budget.tryWithdraw()) granted++;
  return granted;
}

describe('RetryBudget', () => {
  it('allows ratio × calls retries when the floor is zero', () => {
    const budget = retryBudget({ ratio: 0.1, minRetriesPerSecond: 0, clock: new ManualClock() });
    for (let i = 0; i < 100; i++) budget.recordCall();
    expect(withdrawals(budget, 50)).toBe(10);
    expect(budget.retries).toBe(10);
    expect(budget.calls).toBe(100);
    expect(budget.available).toBe(0);
  });

  it('grants a retry only once the calls cover it: none after 9 calls at ratio 0.1, one after 10', () => {
    const budget = retryBudget({ ratio: 0.1, minRetriesPerSecond: 0, clock: new ManualClock() });
    for (let i = 0; i < 9; i++) budget.recordCall();
    expect(budget.tryWithdraw()).toBe(false);
    budget.recordCall();
    expect(budget.tryWithdraw()).toBe(true);
    expect(budget.tryWithdraw()).toBe(false);
  });

  it('tolerates float error in ratio × calls (0.1 × 30 is 3.0000000000000004)', () => {
    const budget = retryBudget({ ratio: 0.1, minRetriesPerSecond: 0, clock: new ManualClock() });
    for (let i = 0; i < 30; i++) budget.recordCall();
    expect(withdrawals(budget, 10)).toBe(3);
  });

  it('lets a quiet service retry minRetriesPerSecond × window seconds times without calls', () => {
    const budget = retryBudget({ ratio: 0.2, minRetriesPerSecond: 2, window: '5s', clock: new ManualClock() });
    expect(budget.available).toBe(10);
    expect(withdrawals(budget, 20)).toBe(10);
  });

  it('adds the floor to the ratio', () => {
    const budget = retryBudget({ ratio: 0.5, minRetriesPerSecond: 1, window: '2s', clock: new ManualClock() });
    for (let i = 0; i < 10; i++) budget.recordCall();
    expect(withdrawals(budget, 20)).toBe(7);
  });

  it('refills as the window slides past old retries and calls', () => {
    const clock = new ManualClock();
    const budget = retryBudget({ ratio: 0.1, minRetriesPerSecond: 0, window: '10s', clock });
    for (let i = 0; i < 100; i++) budget.recordCall();
    expect(withdrawals(budget, 20)).toBe(10);

    clock.advance(5_000);
    for (let i = 0; i < 50; i++) budget.recordCall();
    // 150 calls and 10 retries in the window: 5 more.
    expect(withdrawals(budget, 20)).toBe(5);

    clock.advance(6_000);
    // The first 100 calls and 10 retries left the window; 50 calls and 5 retries remain.
    expect(budget.calls).toBe(50);
    expect(budget.retries).toBe(5);
    expect(budget.tryWithdraw()).toBe(false);

    clock.advance(10_000);
    expect(budget.calls).toBe(0);
    for (let i = 0; i < 30; i++) budget.recordCall();
    expect(withdrawals(budget, 20)).toBe(3);
  });

  it('forgets everything on reset()', () => {
    const budget = retryBudget({ ratio: 1, minRetriesPerSecond: 0, clock: new ManualClock() });
    budget.recordCall();
    budget.tryWithdraw();
    budget.reset();
    expect([budget.calls, budget.retries, budget.available]).toEqual([0, 0, 0]);
  });

  it('uses ratio 0.2, 10 retries per second and a 10 s window by default', () => {
    const budget = new RetryBudget();
    expect([budget.ratio, budget.minRetriesPerSecond, budget.windowMs]).toEqual([0.2, 10, 10_000]);
    expect(budget.available).toBe(100);
  });

  it.each([
    [{ ratio: 0 }, 'Invalid option retryBudget.ratio: 0. Expected a number greater than 0 and at most 1, e.g. 0.5 for 50 %.'],
    [{ ratio: 1.5 }, 'Invalid option retryBudget.ratio: 1.5. Expected a number greater than 0 and at most 1, e.g. 0.5 for 50 %.'],
    [{ minRetriesPerSecond: -1 }, 'Invalid option retryBudget.minRetriesPerSecond: -1. Expected a finite number of at least 0.'],
    [
      { window: 0 },
      "Invalid option retryBudget.window: 0. Expected a finite duration, at least 1 ms: milliseconds as a number, or a string such as '250ms', '10s', '5m' or '1h'.",
    ],
    [
      { window: '10 seconds' },
      'Invalid option retryBudget.window: "10 seconds". Expected a finite duration, at least 1 ms: milliseconds as a number, or a string such as \'250ms\', \'10s\', \'5m\' or \'1h\'.',
    ],
    [
      { clock: Date },
      'Invalid option retryBudget.clock: a function. Expected a Clock: an object with a now() method returning monotonic milliseconds, such as systemClock or a ManualClock.',
    ],
    [
      { ratoi: 0.1 },
      'Unknown option retryBudget.ratoi. Did you mean "ratio"? Known options: ratio, minRetriesPerSecond, window, clock.',
    ],
  ])('rejects %j with a message naming the option, the value and what is allowed', (options, message) => {
    let caught: unknown;
    try {
      retryBudget(options as never);
    } catch (error) {
      caught = error;
    }
    expect(isInvalidOptionError(caught)).toBe(true);
    expect((caught as Error).message).toBe(message);
  });
});
