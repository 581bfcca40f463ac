import { describe, expect, it } from 'vitest';
import { JITTERS, type JitterKind } from './jitter.js';

const DRAWS = 10_000;
const delayMs = 100;
const maxDelayMs = 2_000;
const params = { delayMs, maxDelayMs, random: Math.random };

/** The interval each jitter must stay in, for a backoff `d` and a previous wait `previous`. */
const bounds: Record<JitterKind, (d: number, previous: number) => [number, number]> = {
  none: (d) => [d, d],
  full: (d) => [0, d],
  equal: (d) => [d / 2, d],
  decorrelated: (_d, previous) => [delayMs, Math.min(maxDelayMs, Math.max(delayMs, 3 * previous))],
};

const cases: Array<[JitterKind, number, number]> = [];
for (const kind of ['none', 'full', 'equal', 'decorrelated'] as const) {
  for (const [d, previous] of [
    [0, 0],
    [100, 100],
    [800, 400],
    [2_000, 2_000],
  ]) {
    cases.push([kind, d, previous]);
  }
}

describe('jitter', () => {
  it.each(cases)('%s stays within its bounds over 10,000 draws (backoff %d ms, previous wait %d ms)', (kind, d, previous) => {
    const [low, high] = bounds[kind](d, previous);
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < DRAWS; i++) {
      const wait = JITTERS[kind](d, previous, params);
      min = Math.min(min, wait);
      max = Math.max(max, wait);
    }
    expect(min).toBeGreaterThanOrEqual(low);
    expect(max).toBeLessThanOrEqual(high);
    expect(max).toBeLessThanOrEqual(maxDelayMs);
    // The draws cover their interval: a jitter that ignored `random` would fail here.
    const width = high - low;
    expect(min - low).toBeLessThanOrEqual(width * 0.01);
    expect(high - max).toBeLessThanOrEqual(width * 0.01);
  });

  it.each<[JitterKind, number, number]>([
    ['none', 0, 800],
    ['none', 0.999_999, 800],
    ['full', 0, 0],
    ['full', 0.5, 400],
    ['equal', 0, 400],
    ['equal', 0.5, 600],
    ['decorrelated', 0, 100],
    ['decorrelated', 0.5, 650],
  ])('%s with random() = %d turns a backoff of 800 ms after a 400 ms wait into %d ms', (kind, random, expected) => {
    expect(JITTERS[kind](800, 400, { delayMs, maxDelayMs, random: () => random })).toBeCloseTo(expected, 6);
  });

  it('decorrelated grows from the previous wait, not from the backoff', () => {
    const fixed = { delayMs, maxDelayMs, random: () => 0.5 };
    // U[100, 3 × previous] at its midpoint: (100 + 3 × previous) / 2.
    expect(JITTERS.decorrelated(800, 100, fixed)).toBe(200);
    expect(JITTERS.decorrelated(800, 200, fixed)).toBe(350);
    expect(JITTERS.decorrelated(800, 1_000, fixed)).toBe(1_550);
    expect(JITTERS.decorrelated(100, 1_000, fixed)).toBe(1_550);
  });

  it('decorrelated is capped at maxDelay', () => {
    expect(JITTERS.decorrelated(800, 5_000, { delayMs, maxDelayMs, random: () => 0.999 })).toBe(maxDelayMs);
  });

  it('decorrelated never goes below delay when the previous wait was a short hint', () => {
    expect(JITTERS.decorrelated(800, 10, { delayMs, maxDelayMs, random: () => 0.999 })).toBe(delayMs);
  });
});
