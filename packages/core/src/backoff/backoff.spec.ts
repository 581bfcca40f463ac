import { describe, expect, it } from 'vitest';
import { BACKOFFS } from './backoff.js';
import type { BackoffKind } from './backoff.types.js';

const params = { delayMs: 100, maxDelayMs: 1_000, multiplier: 3 };

describe('backoff', () => {
  it.each<[BackoffKind, number[]]>([
    ['constant', [100, 100, 100, 100, 100, 100]],
    ['linear', [100, 200, 300, 400, 500, 600]],
    ['exponential', [100, 300, 900, 1_000, 1_000, 1_000]],
  ])('%s gives the delays %j for retries 1 to 6, capped at maxDelay', (kind, expected) => {
    const delays = expected.map((_, index) => BACKOFFS[kind](index + 1, params));
    expect(delays).toEqual(expected);
  });

  it.each<BackoffKind>(['constant', 'linear', 'exponential'])('%s never exceeds maxDelay, even after 10,000 retries', (kind) => {
    expect(BACKOFFS[kind](10_000, params)).toBe(kind === 'constant' ? 100 : 1_000);
  });

  it('linear stops growing at maxDelay', () => {
    expect(BACKOFFS.linear(11, params)).toBe(1_000);
  });

  it('constant is capped when delay equals maxDelay', () => {
    expect(BACKOFFS.constant(1, { delayMs: 1_000, maxDelayMs: 1_000, multiplier: 2 })).toBe(1_000);
  });

  it('exponential with multiplier 1 stays at delay', () => {
    expect(BACKOFFS.exponential(50, { delayMs: 100, maxDelayMs: 1_000, multiplier: 1 })).toBe(100);
  });

  it('exponential with a zero delay stays zero instead of NaN when the power overflows', () => {
    expect(BACKOFFS.exponential(5_000, { delayMs: 0, maxDelayMs: 1_000, multiplier: 2 })).toBe(0);
  });
});
