import type { Clock } from '../clock/clock.js';

/** @internal One memoized result. */
export interface MemoEntry {
  readonly value: unknown;
  /** `Infinity` without a ttl. */
  readonly expiresAt: number;
}

/**
 * @internal The results of one memo: least recently used first out, each kept until its ttl.
 * A `Map` keeps insertion order, so re-inserting on a hit is the whole LRU; unlike a
 * preallocated LRU it costs nothing for instances that are rarely called.
 */
export class MemoTable {
  private readonly entries = new Map<string, MemoEntry>();

  constructor(
    private readonly max: number,
    private readonly ttlMs: number,
    private readonly clock: Clock,
  ) {}

  /** How many results are kept (some may have expired, not yet dropped). */
  get size(): number {
    return this.entries.size;
  }

  /** @returns the entry, made most recently used, or `undefined` when absent or expired */
  get(key: string): MemoEntry | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    this.entries.delete(key);
    if (entry.expiresAt !== Infinity && entry.expiresAt <= this.clock.now()) return undefined;
    this.entries.set(key, entry);
    return entry;
  }

  /** Keeps a result, dropping the least recently used beyond `max`. */
  set(key: string, value: unknown): MemoEntry {
    const entry: MemoEntry = { value, expiresAt: this.ttlMs === Infinity ? Infinity : this.clock.now() + this.ttlMs };
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value as string);
    return entry;
  }

  /** Drops `key` if it still holds `entry` (a newer result stays). */
  forget(key: string, entry: MemoEntry): void {
    if (this.entries.get(key) === entry) this.entries.delete(key);
  }

  /** Drops every result. */
  clear(): void {
    this.entries.clear();
  }
}
