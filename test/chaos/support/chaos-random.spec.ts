import { describe, expect, it } from 'vitest';
import { ChaosRandom } from './chaos-random.js';

const draws = (random: ChaosRandom, count = 8): number[] => Array.from({ length: count }, () => random.next());

describe('ChaosRandom', () => {
  it('gives the same sequence for the same seed, so a schedule replays', () => {
    expect(draws(new ChaosRandom(1234))).toEqual(draws(new ChaosRandom(1234)));
    expect(draws(new ChaosRandom(1234))).not.toEqual(draws(new ChaosRandom(1235)));
  });

  it('derives independent, reproducible generators by label', () => {
    const run = new ChaosRandom(7);
    expect(draws(run.fork('canaries'))).toEqual(draws(new ChaosRandom(7).fork('canaries')));
    expect(draws(run.fork('canaries'))).not.toEqual(draws(run.fork('nemesis')));
  });

  it('draws numbers in [0, 1), integers in bounds, and distinct samples', () => {
    const random = new ChaosRandom(99);
    for (let i = 0; i < 1_000; i++) {
      const value = random.next();
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
      expect(random.int(2, 4)).toSatisfy((n: number) => Number.isInteger(n) && n >= 2 && n <= 4);
    }
    const sample = random.sample([0, 1, 2, 3, 4], 3);
    expect(new Set(sample).size).toBe(3);
    expect(random.shuffle([1, 2, 3, 4, 5]).sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it('picks by weight', () => {
    const random = new ChaosRandom(5);
    const picks = Array.from({ length: 2_000 }, () => random.weighted([['rare', 1], ['common', 9]] as const));
    const rare = picks.filter((pick) => pick === 'rare').length;
    expect(rare).toBeGreaterThan(100);
    expect(rare).toBeLessThan(320);
  });
});
