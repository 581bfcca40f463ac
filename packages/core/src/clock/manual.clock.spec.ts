import { describe, expect, it } from 'vitest';
import { ManualClock } from './manual.clock.js';

describe('ManualClock', () => {
  it('moves only when advanced', () => {
    const clock = new ManualClock(100);
    clock.advance(50);
    expect(clock.now()).toBe(150);
  });

  it.each([-1, NaN, Infinity])('refuses to advance by %d', (ms) => {
    expect(() => new ManualClock().advance(ms)).toThrow(`ManualClock.advance(${ms}): time only moves forward by a finite amount`);
  });
});
