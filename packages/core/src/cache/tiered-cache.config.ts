import { wallClock, type Clock } from '../clock/clock.js';
import { messages } from '../errors/bulwark.messages.js';
import { InvalidOptionError } from '../errors/invalid-option.error.js';
import { INVALID, duration, wallClockRule } from '../options/option.rules.js';
import { validateOptions } from '../options/validate-options.js';
import { busRule, storeRule } from './cache.rules.js';
import type { InvalidationBus } from './invalidation.bus.js';
import type { TieredCacheStoreOptions } from './tiered-cache.options.js';

/** @internal `TieredCacheStore`'s options validated. */
export interface TieredCacheSettings {
  readonly bus: InvalidationBus;
  /** `Infinity` when L1 copies live as long as their entries. */
  readonly l1TtlMs: number;
  readonly clock: Clock;
}

const PATH = 'tieredCacheStore';
const RULES = { bus: busRule, l1Ttl: duration({ min: 1 }), clock: wallClockRule };

/**
 * @internal Validates `TieredCacheStore`'s arguments, once.
 *
 * @throws InvalidOptionError naming the argument or option, the value and what is allowed
 */
export function resolveTieredCacheOptions(l1: unknown, l2: unknown, options: TieredCacheStoreOptions): TieredCacheSettings {
  for (const [name, store] of [['l1', l1], ['l2', l2]] as const) {
    if (storeRule.parse(store) !== INVALID) continue;
    throw new InvalidOptionError(`${PATH}.${name}`, store, messages.invalidOption(PATH, name, store, storeRule.expected));
  }
  const given = validateOptions(PATH, options, RULES);
  if (given.bus === undefined) {
    throw new InvalidOptionError(`${PATH}.bus`, undefined, messages.missingOption(PATH, 'bus', `${busRule.expected}; in one process, new MemoryInvalidationBus()`));
  }
  return { bus: given.bus, l1TtlMs: given.l1Ttl ?? Infinity, clock: given.clock ?? wallClock };
}
