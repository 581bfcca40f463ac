import type { CacheKeyInput } from './cache.options.js';
import { digest } from './key-digest.js';
import { stableSerialize } from './stable-serialize.js';

/** Longer inputs are not remembered: they would cost more memory than hashing them costs time. */
const MAX_REMEMBERED_LENGTH = 200;

/** The most keys one cache remembers, per kind of input (a string, or an argument list). */
export const KEY_MEMO_CAPACITY = 512;

/**
 * @internal The store keys of one cache for recently used inputs. Hashing (SHA-256) costs several
 * times the rest of a hit, and the keys that are hit are the ones that repeat. A string input is
 * looked up as itself, an argument list by its exact serialization, each in its own map: so a
 * remembered key is always the one `cacheKey` computes, and no collision is added. Bounded: at most
 * {@link KEY_MEMO_CAPACITY} keys per map, of inputs up to 200 characters, the oldest forgotten first.
 */
export class CacheKeyMemo {
  private readonly byString = new Map<string, string>();
  private readonly bySerialization = new Map<string, string>();

  /** @param prefix the cache's `<namespace>:<name>:` */
  constructor(private readonly prefix: string) {}

  /** How many keys are remembered. */
  get size(): number {
    return this.byString.size + this.bySerialization.size;
  }

  /**
   * @param key the arguments (or one string, the same as a one-argument list) identifying an entry
   * @returns `<prefix><digest>`, as `cacheKey` computes it
   * @throws TypeError when the arguments cannot be serialized (see `stableSerialize`)
   */
  keyOf(key: CacheKeyInput): string {
    if (typeof key === 'string') return this.byString.get(key) ?? this.compute(this.byString, key, stableSerialize([key], 'arguments'));
    const serialized = stableSerialize(key, 'arguments');
    return this.bySerialization.get(serialized) ?? this.compute(this.bySerialization, serialized, serialized);
  }

  private compute(memo: Map<string, string>, input: string, serialized: string): string {
    const key = this.prefix + digest(serialized);
    if (input.length > MAX_REMEMBERED_LENGTH) return key;
    // First in, first out: an LRU would reorder the map on every hit, the path this exists to speed up.
    if (memo.size >= KEY_MEMO_CAPACITY) memo.delete(memo.keys().next().value!);
    memo.set(input, key);
    return key;
  }
}
