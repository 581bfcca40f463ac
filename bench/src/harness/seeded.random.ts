/**
 * A seeded pseudo-random source (mulberry32): uniform in `[0, 1)` like `Math.random`, but the same
 * sequence for the same seed, so a trace or a simulation can be replayed.
 *
 * @param seed any 32-bit integer
 * @returns a function drawing the next number of the sequence
 * @example
 * const random = seededRandom(42);
 * random(); // the same first number on every run
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
