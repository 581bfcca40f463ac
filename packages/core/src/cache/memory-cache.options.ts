import { wallClock, type Clock } from '../clock/clock.js';
import type { CacheEntry } from './cache-entry.js';

/** Options of `MemoryCacheStore`, checked once when it is built. */
export interface MemoryCacheStoreOptions {
  /** The most entries kept; the least recently used goes first. @default 10000, or no count limit when only `maxBytes` is given */
  maxEntries?: number;
  /** The most bytes kept, as `sizeOf` counts them; the least recently used goes first. @default none */
  maxBytes?: number;
  /** The size of one entry in bytes, for `maxBytes`. @default an estimate of the key and value (`estimateBytes`) */
  sizeOf?: (entry: CacheEntry, key: string) => number;
  /** The most tag invalidation records kept; see the README on what forgetting one means. @default 10000 */
  maxTags?: number;
  /** The wall clock (epoch ms) entries' times are compared with. @default wallClock */
  clock?: Clock;
}

/** The defaults of `MemoryCacheStore`'s options: the one place they are written. */
export const MEMORY_CACHE_DEFAULTS = Object.freeze({ maxEntries: 10_000, maxTags: 10_000, clock: wallClock });
