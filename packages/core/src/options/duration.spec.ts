import { describe, expect, it } from 'vitest';
import { toMilliseconds } from './duration.js';

describe('toMilliseconds', () => {
  it.each([
    [250, 250],
    [0, 0],
    ['250', 250],
    ['250ms', 250],
    ['1.5s', 1_500],
    ['5m', 300_000],
    ['1h', 3_600_000],
    [' 10 s ', 10_000],
    [Infinity, Infinity],
  ])('reads %j as %d ms', (input, expected) => {
    expect(toMilliseconds(input)).toBe(expected);
  });

  it.each([-1, NaN, '-5s', '5 days', '', 's', null, {}, '1e3'])('refuses %j', (input) => {
    expect(toMilliseconds(input)).toBeUndefined();
  });
});
