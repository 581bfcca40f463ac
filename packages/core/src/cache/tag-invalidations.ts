import { LRUCache } from 'lru-cache';

/**
 * The invalidation times of tags, bounded: when a record is evicted its time becomes a floor
 * that every unrecorded tag reports, so forgetting a record can only invalidate more, never
 * resurrect an invalidated entry.
 *
 * @internal used by `MemoryCacheStore`
 */
export class TagInvalidations {
  private readonly times: LRUCache<string, number>;
  private floor = 0;

  /** @param maxTags how many tag records to keep */
  constructor(maxTags: number) {
    this.times = new LRUCache<string, number>({
      max: maxTags,
      dispose: (at, _tag, reason) => {
        if (reason === 'evict') this.floor = Math.max(this.floor, at);
      },
    });
  }

  /** Records an invalidation; an earlier time than the one recorded changes nothing. */
  record(tag: string, at: number): void {
    const previous = this.times.get(tag);
    if (previous === undefined || at > previous) this.times.set(tag, at);
  }

  /** @returns the latest invalidation time among the tags, the floor for unrecorded ones, 0 if none */
  latest(tags: readonly string[]): number {
    let latest = 0;
    for (const tag of tags) {
      const at = this.times.get(tag) ?? this.floor;
      if (at > latest) latest = at;
    }
    return latest;
  }

  /** How many tags have a record. */
  get size(): number {
    return this.times.size;
  }
}
