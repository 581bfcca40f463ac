import { describe, expect, it } from 'vitest';
import { ManualClock } from '../clock/manual.clock.js';
import { countsOf } from './outcome.window.js';
import { TimeWindow } from './time.window.js';

describe('TimeWindow', () => {
  it('sums the outcomes of the last windowMs and lets older buckets expire', () => {
    const clock = new ManualClock(0);
    const window = new TimeWindow({ windowMs: 10_000, buckets: 10, clock });
    window.record(0, true, false, 5); //      bucket 0
    window.record(4_500, false, true, 1); //  bucket 4
    window.record(9_999, true, true, 2); //   bucket 9
    expect(countsOf(window)).toEqual({ calls: 3, failures: 2, slowCalls: 2, cost: 8 });

    window.advance(10_000); // bucket 0 leaves
    expect(countsOf(window)).toEqual({ calls: 2, failures: 1, slowCalls: 2, cost: 3 });
    window.advance(15_000); // bucket 4 leaves
    expect(countsOf(window)).toEqual({ calls: 1, failures: 1, slowCalls: 1, cost: 2 });
    window.advance(40_000);
    expect(countsOf(window)).toEqual({ calls: 0, failures: 0, slowCalls: 0, cost: 0 });
  });

  it('reads no clock of its own when recording: it replays the reading it is given', () => {
    let reads = 0;
    const clock = { now: () => (reads++, 0) };
    const window = new TimeWindow({ windowMs: 1_000, buckets: 4, clock });
    reads = 0;
    for (let i = 0; i < 100; i++) window.record(i * 10, i % 2 === 0, false, 1);
    expect(window.calls).toBe(100);
    expect(reads).toBe(0);
  });

  it('never moves backwards when given an older reading', () => {
    const clock = new ManualClock(0);
    const window = new TimeWindow({ windowMs: 1_000, buckets: 10, clock });
    window.record(5_000, true, false, 1);
    window.record(4_000, true, false, 1); // late reading: recorded at 5_000
    window.advance(5_999);
    expect(window.failures).toBe(2);
  });

  it('forgets everything on reset', () => {
    const clock = new ManualClock(0);
    const window = new TimeWindow({ windowMs: 1_000, buckets: 10, clock });
    window.record(100, true, true, 3);
    window.reset(200);
    expect(countsOf(window)).toEqual({ calls: 0, failures: 0, slowCalls: 0, cost: 0 });
  });
});
