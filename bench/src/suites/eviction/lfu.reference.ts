import type { ReplacementPolicy } from './replacement.policy.js';

/**
 * Least-frequently-used replacement, the simple in-cache variant: a key's count starts at 1 when
 * it is admitted and is forgotten when it is evicted; the victim is a key with the lowest count,
 * the least recently counted among those. O(1) per request, with one set of keys per count.
 *
 * @example
 * const lfu = new LfuReference(1_000);
 * lfu.access(7); // false: a miss, now held with count 1
 */
export class LfuReference implements ReplacementPolicy {
  private readonly counts = new Map<number, number>();
  /** Keys by count; a `Set` keeps insertion order, so its first key is the least recently counted. */
  private readonly byCount = new Map<number, Set<number>>();
  private minCount = 0;

  /** @param capacity the most keys held */
  constructor(private readonly capacity: number) {}

  /** @inheritDoc */
  access(key: number): boolean {
    const count = this.counts.get(key);
    if (count !== undefined) {
      this.move(key, count, count + 1);
      if (this.minCount === count && this.byCount.get(count) === undefined) this.minCount = count + 1;
      return true;
    }
    if (this.counts.size >= this.capacity) this.evict();
    this.counts.set(key, 1);
    this.bucket(1).add(key);
    this.minCount = 1;
    return false;
  }

  private evict(): void {
    const keys = this.byCount.get(this.minCount)!;
    const victim = keys.values().next().value as number;
    keys.delete(victim);
    if (keys.size === 0) this.byCount.delete(this.minCount);
    this.counts.delete(victim);
  }

  private move(key: number, from: number, to: number): void {
    const keys = this.byCount.get(from)!;
    keys.delete(key);
    if (keys.size === 0) this.byCount.delete(from);
    this.counts.set(key, to);
    this.bucket(to).add(key);
  }

  private bucket(count: number): Set<number> {
    let keys = this.byCount.get(count);
    if (keys === undefined) this.byCount.set(count, (keys = new Set()));
    return keys;
  }
}
