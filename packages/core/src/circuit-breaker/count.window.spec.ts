import { describe, expect, it } from 'vitest';
import { CountWindow } from './count.window.js';
import { countsOf } from './outcome.window.js';

describe('CountWindow', () => {
  it('sums failures, slow calls and cost as outcomes arrive', () => {
    const window = new CountWindow(5);
    window.record(0, true, false, 2);
    window.record(0, false, true, 3);
    window.record(0, true, true, 0.5);
    expect(countsOf(window)).toEqual({ calls: 3, failures: 2, slowCalls: 2, cost: 5.5 });
  });

  it('slides: the oldest outcome leaves when the window is full', () => {
    const window = new CountWindow(3);
    const outcomes: Array<[failure: boolean, slow: boolean, cost: number]> = [
      [true, true, 10],
      [false, false, 1],
      [true, false, 1],
      [false, false, 1], // evicts [true, true, 10]
      [false, true, 2], //  evicts [false, false, 1]
    ];
    const seen = outcomes.map(([failure, slow, cost]) => (window.record(0, failure, slow, cost), countsOf(window)));
    expect(seen).toEqual([
      { calls: 1, failures: 1, slowCalls: 1, cost: 10 },
      { calls: 2, failures: 1, slowCalls: 1, cost: 11 },
      { calls: 3, failures: 2, slowCalls: 1, cost: 12 },
      { calls: 3, failures: 1, slowCalls: 0, cost: 3 },
      { calls: 3, failures: 1, slowCalls: 1, cost: 4 },
    ]);
  });

  it('keeps exact totals over many turns of the ring', () => {
    const window = new CountWindow(7);
    for (let i = 0; i < 1_000; i++) window.record(0, i % 3 === 0, i % 5 === 0, 1);
    // The last 7 of 0..999: 993..999 -> failures at 993, 996, 999; slow at 995.
    expect(countsOf(window)).toEqual({ calls: 7, failures: 3, slowCalls: 1, cost: 7 });
  });

  it('forgets everything on reset', () => {
    const window = new CountWindow(2);
    window.record(0, true, true, 4);
    window.reset();
    window.record(0, false, false, 1);
    expect(countsOf(window)).toEqual({ calls: 1, failures: 0, slowCalls: 0, cost: 1 });
  });
});
