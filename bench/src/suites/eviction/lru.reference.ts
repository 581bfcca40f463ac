import type { ReplacementPolicy } from './replacement.policy.js';

/**
 * Plain least-recently-used replacement, the textbook reference: a `Map` keeps keys in insertion
 * order, so a hit moves its key to the end and the first key is the least recently used.
 *
 * @example
 * const lru = new LruReference(2);
 * lru.access(1); lru.access(2); lru.access(3); // evicts 1
 */
export class LruReference implements ReplacementPolicy {
  private readonly keys = new Map<number, true>();

  /** @param capacity the most keys held */
  constructor(private readonly capacity: number) {}

  /** @inheritDoc */
  access(key: number): boolean {
    if (this.keys.delete(key)) {
      this.keys.set(key, true);
      return true;
    }
    this.keys.set(key, true);
    if (this.keys.size > this.capacity) this.keys.delete(this.keys.keys().next().value as number);
    return false;
  }
}
