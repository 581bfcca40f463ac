import type { Clock } from '../clock/clock.js';
import { messages } from '../errors/bulwark.messages.js';
import { InvalidOptionError } from '../errors/invalid-option.error.js';
import { callback, integer, wallClockRule } from '../options/option.rules.js';
import { validateOptions } from '../options/validate-options.js';
import type { CacheEntry } from './cache-entry.js';
import { MEMORY_CACHE_DEFAULTS, type MemoryCacheStoreOptions } from './memory-cache.options.js';

/** @internal `MemoryCacheStore`'s options validated and merged with the defaults. */
export interface MemoryCacheSettings {
  /** 0 when there is no count limit. */
  readonly maxEntries: number;
  /** 0 when there is no byte limit. */
  readonly maxBytes: number;
  readonly sizeOf: ((entry: CacheEntry, key: string) => number) | undefined;
  readonly maxTags: number;
  readonly clock: Clock;
}

/** lru-cache preallocates per entry: an absurd bound would cost memory up front. */
const MAX_ENTRIES = 100_000_000;


const RULES = {
  maxEntries: integer(1, MAX_ENTRIES),
  maxBytes: integer(1),
  sizeOf: callback<(entry: CacheEntry, key: string) => number>(),
  maxTags: integer(1, MAX_ENTRIES),
  clock: wallClockRule,
};

/**
 * @internal Validates `MemoryCacheStore` options and merges the defaults, once.
 *
 * @throws InvalidOptionError naming the option, the value and what is allowed
 */
export function resolveMemoryCacheOptions(options: MemoryCacheStoreOptions | undefined): MemoryCacheSettings {
  const given = validateOptions('memoryCacheStore', options, RULES);
  if (given.sizeOf !== undefined && given.maxBytes === undefined) {
    const expected = 'a byte limit whenever sizeOf is given, as sizes only matter against maxBytes';
    throw new InvalidOptionError('memoryCacheStore.maxBytes', undefined, messages.missingOption('memoryCacheStore', 'maxBytes', expected));
  }
  return {
    maxEntries: given.maxEntries ?? (given.maxBytes === undefined ? MEMORY_CACHE_DEFAULTS.maxEntries : 0),
    maxBytes: given.maxBytes ?? 0,
    sizeOf: given.sizeOf,
    maxTags: given.maxTags ?? MEMORY_CACHE_DEFAULTS.maxTags,
    clock: given.clock ?? MEMORY_CACHE_DEFAULTS.clock,
  };
}
