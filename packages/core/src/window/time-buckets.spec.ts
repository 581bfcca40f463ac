import { describe, expect, it } from 'vitest';
import { ManualClock } from '../clock/manual.clock.js';
import { TimeBuckets } from './time-buckets.js';

function setup() {
  const clock = new ManualClock();
  const window = new TimeBuckets({ windowMs: 10_000, buckets: 10, fields: 2, clock });
  return { clock, window };
}

describe('TimeBuckets', () => {
  it('sums each field over the window', () => {
    const { clock, window } = setup();
    window.add(0, 1);
    clock.advance(3_000);
    window.add(0, 2);
    window.add(1, 0.5);
    expect(window.total(0)).toBe(3);
    expect(window.total(1)).toBe(0.5);
  });

  it('forgets a bucket once the window has moved past it', () => {
    const { clock, window } = setup();
    window.add(0, 1);
    clock.advance(5_000);
    window.add(0, 2);
    clock.advance(5_000);
    expect(window.total(0)).toBe(2);
    clock.advance(5_000);
    expect(window.total(0)).toBe(0);
  });

  it('empties everything after a gap longer than the window', () => {
    const { clock, window } = setup();
    window.add(0, 7);
    clock.advance(1_000_000);
    expect(window.total(0)).toBe(0);
    window.add(0, 1);
    expect(window.total(0)).toBe(1);
  });

  it('never reports a negative sum after fractional amounts expire', () => {
    const { clock, window } = setup();
    for (let i = 0; i < 10; i++) {
      window.add(0, 0.1);
      clock.advance(1_000);
    }
    clock.advance(20_000);
    expect(window.total(0)).toBe(0);
  });

  it('resets to empty', () => {
    const { window } = setup();
    window.add(1, 4);
    window.reset();
    expect(window.total(1)).toBe(0);
  });
});
