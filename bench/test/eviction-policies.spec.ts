import { describe, expect, it } from 'vitest';
import { seededRandom } from '../src/harness/seeded.random.js';
import { beladyHits } from '../src/suites/eviction/belady.optimal.js';
import { LfuReference } from '../src/suites/eviction/lfu.reference.js';
import { LruReference } from '../src/suites/eviction/lru.reference.js';
import { replayMemoryStore } from '../src/suites/eviction/memory-store.replay.js';
import { replay } from '../src/suites/eviction/replacement.policy.js';
import { zipfTrace } from '../src/suites/eviction/zipf.trace.js';

/** The most hits any policy can score, by trying every choice on a miss (exponential: tiny traces only). */
function bruteForceOptimum(trace: readonly number[], capacity: number): number {
  const best = (i: number, held: ReadonlySet<number>): number => {
    if (i === trace.length) return 0;
    const key = trace[i];
    if (held.has(key)) return 1 + best(i + 1, held);
    let score = best(i + 1, held); // not admitting the key
    if (held.size < capacity) return Math.max(score, best(i + 1, new Set([...held, key])));
    for (const victim of held) score = Math.max(score, best(i + 1, new Set([...[...held].filter((k) => k !== victim), key])));
    return score;
  };
  return best(0, new Set());
}

function randomTrace(seed: number, length: number, keys: number): Int32Array {
  const random = seededRandom(seed);
  return Int32Array.from({ length }, () => Math.floor(random() * keys));
}

describe("Bélády's optimal", () => {
  it('keeps the key needed soonest and does not admit one needed later', () => {
    expect(beladyHits(Int32Array.of(1, 2, 1, 3, 1), 4, 1)).toBe(2);
  });

  it('scores exactly the brute-force optimum on 40 random tiny traces', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const trace = randomTrace(seed, 11, 4);
      expect(beladyHits(trace, 4, 2), `seed ${seed}: ${trace.join(',')}`).toBe(bruteForceOptimum([...trace], 2));
    }
  });

  it('scores at least as many hits as LRU and LFU on a Zipf trace', () => {
    const trace = zipfTrace({ keys: 500, requests: 20_000, s: 0.99, seed: 3 });
    const optimum = beladyHits(trace, 500, 20);
    expect(optimum).toBeGreaterThanOrEqual(replay(new LruReference(20), trace));
    expect(optimum).toBeGreaterThanOrEqual(replay(new LfuReference(20), trace));
  });
});

describe('the reference policies', () => {
  it('LRU evicts the least recently used key', () => {
    const lru = new LruReference(2);
    expect([1, 2, 1, 3, 1, 2].map((key) => lru.access(key))).toEqual([false, false, true, false, true, false]);
  });

  it('LFU evicts the least frequently used key, the least recently counted among equals', () => {
    const lfu = new LfuReference(2);
    expect([1, 1, 2, 3, 1, 2, 3].map((key) => lfu.access(key))).toEqual([false, true, false, false, true, false, false]);
  });

  it("Bulwark's L1 scores the same hits as the LRU reference, request for request", async () => {
    const trace = zipfTrace({ keys: 1_000, requests: 20_000, s: 0.99, seed: 5 });
    expect(await replayMemoryStore(trace, 10)).toBe(replay(new LruReference(10), trace));
  });
});

describe('the Zipf trace', () => {
  it('is the same for the same seed and favours low key ids', () => {
    const trace = zipfTrace({ keys: 100, requests: 10_000, s: 0.99, seed: 9 });
    expect(zipfTrace({ keys: 100, requests: 10_000, s: 0.99, seed: 9 })).toEqual(trace);
    const count = (key: number): number => trace.filter((k) => k === key).length;
    expect(count(0)).toBeGreaterThan(4 * count(9));
  });
});
