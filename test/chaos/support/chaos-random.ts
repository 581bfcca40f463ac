import { randomInt } from 'node:crypto';

/** The largest seed: seeds are non-negative 32-bit integers, easy to copy from a log. */
const MAX_SEED = 2 ** 32 - 1;

/**
 * A seeded pseudo-random generator (the 32-bit "mulberry" mixing function): the same seed gives
 * the same sequence on every machine, so a fault schedule can be replayed exactly.
 *
 * @example
 * const random = new ChaosRandom(42);
 * random.pick(['kill', 'pause']); // always the same for seed 42
 */
export class ChaosRandom {
  private state: number;

  /** @param seed a non-negative 32-bit integer */
  constructor(readonly seed: number) {
    this.state = seed >>> 0;
  }

  /** @returns a number uniform in [0, 1) */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(this.state ^ (this.state >>> 15), this.state | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 2 ** 32;
  }

  /**
   * @param min the smallest value
   * @param max the largest value (inclusive)
   * @returns an integer uniform in [min, max]
   */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /**
   * @param probability from 0 to 1
   * @returns true with that probability
   */
  chance(probability: number): boolean {
    return this.next() < probability;
  }

  /**
   * @param items a non-empty list
   * @returns one of them, uniformly
   */
  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)];
  }

  /**
   * @param weighted items with positive weights
   * @returns one item, with probability proportional to its weight
   */
  weighted<T>(weighted: ReadonlyArray<readonly [T, number]>): T {
    let ticket = this.next() * weighted.reduce((sum, [, weight]) => sum + weight, 0);
    for (const [item, weight] of weighted) {
      ticket -= weight;
      if (ticket < 0) return item;
    }
    return weighted[weighted.length - 1][0];
  }

  /**
   * @param items any list
   * @returns a copy in a random order (Fisher–Yates)
   */
  shuffle<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy;
  }

  /**
   * @param items the population
   * @param count how many to draw, at most `items.length`
   * @returns `count` distinct items, in ascending index order
   */
  sample<T>(items: readonly T[], count: number): T[] {
    const indexes = this.shuffle(items.map((_, index) => index));
    return indexes.slice(0, count).sort((a, b) => a - b).map((index) => items[index]);
  }

  /**
   * An independent generator for one part of a run (one scenario, one canary), derived from this
   * seed and a label, so adding draws in one part never shifts the schedule of another.
   *
   * @param label what the derived sequence is for
   * @returns a generator seeded from this seed and the label
   */
  fork(label: string): ChaosRandom {
    let hash = this.seed ^ 0x9e3779b9;
    for (let i = 0; i < label.length; i++) hash = Math.imul(hash ^ label.charCodeAt(i), 0x01000193);
    return new ChaosRandom(hash >>> 0);
  }
}

let runSeed: number | undefined;

/**
 * The seed of this run: `CHAOS_SEED` when set (to replay a run), a fresh random one otherwise.
 *
 * @returns a non-negative 32-bit integer, the same for every call in this process
 * @throws Error when `CHAOS_SEED` is not such an integer
 * @example
 * CHAOS_SEED=1234 npm run test:chaos
 */
export function chaosSeed(): number {
  if (runSeed !== undefined) return runSeed;
  const given = process.env.CHAOS_SEED?.trim();
  if (given !== undefined && given !== '') {
    const seed = Number(given);
    if (!/^\d+$/.test(given) || seed > MAX_SEED) throw new Error(`CHAOS_SEED must be an integer from 0 to ${MAX_SEED}; got "${given}".`);
    runSeed = seed;
  } else {
    runSeed = randomInt(MAX_SEED);
  }
  return runSeed;
}

/**
 * The generator of one scenario, derived from the run's seed; prints the seed and how to replay it.
 *
 * @param scenario the scenario's id, e.g. `leader-election`
 * @returns the run's seed (recorded with the results) and the scenario's generator
 * @example
 * const { seed, random } = scenarioRandom('leader-election');
 */
export function scenarioRandom(scenario: string): { readonly seed: number; readonly random: ChaosRandom } {
  const seed = chaosSeed();
  console.info(`[chaos] ${scenario}: seed ${seed} (replay with CHAOS_SEED=${seed} npm run test:chaos)`);
  return { seed, random: new ChaosRandom(seed).fork(scenario) };
}
