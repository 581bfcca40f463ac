import type { Clock } from '../clock/clock.js';
import { messages } from '../errors/bulwark.messages.js';
import { InvalidOptionError } from '../errors/invalid-option.error.js';
import { toMilliseconds, type Duration } from '../options/duration.js';
import { callback, duration, flag, number, wallClockRule, type OptionRule } from '../options/option.rules.js';
import { validateOptions } from '../options/validate-options.js';
import { TimeoutPolicy } from '../timeout/timeout.policy.js';
import { cacheNameRule, namespaceRule, tagKey } from './cache-key.js';
import { CACHE_DEFAULTS as defaults, type CacheCallOptions, type CacheOptions, type EarlyRefreshOptions } from './cache.options.js';
import { busRule, earlyRefreshRule, singleFlightRule, storeRule, tagsRule } from './cache.rules.js';
import type { CacheStore } from './cache.store.js';
import type { InvalidationBus } from './invalidation.bus.js';
import { MemoryCacheStore } from './memory-cache.store.js';
import type { DistributedSingleFlight, DistributedSingleFlightOptions } from './single-flight.js';

const PATH = 'cache';

/** @internal How entries are written: the cache's settings, or one call's overrides. */
export interface EntrySettings {
  readonly ttlMs: number;
  readonly graceMs: number;
  /** Store-level tag names (`tagKey`), fixed. */
  readonly tags: readonly string[];
  /** Tags computed from the value, as the user names them. */
  readonly tagsOf: ReadonlyArray<(value: unknown) => readonly string[]>;
}

/** @internal Every cache option validated, converted and merged with the defaults. */
export interface CacheSettings {
  readonly name: string;
  readonly namespace: string;
  /** `<namespace>:<name>:`, the start of every key of this cache. */
  readonly prefix: string;
  /** `<namespace>:__tag:`, the start of every tag of this namespace. */
  readonly tagPrefix: string;
  readonly store: CacheStore;
  readonly bus: InvalidationBus | undefined;
  readonly singleFlight: DistributedSingleFlight | undefined;
  readonly flightBounds: DistributedSingleFlightOptions;
  readonly entry: EntrySettings;
  /** `Infinity` when off. */
  readonly softTimeoutMs: number;
  readonly hardTimeout: TimeoutPolicy | undefined;
  /** 0 when early refresh is off. */
  readonly beta: number;
  readonly cacheNull: boolean;
  readonly clock: Clock;
  readonly random: () => number;
}

const RULES = {
  name: cacheNameRule,
  namespace: namespaceRule,
  store: storeRule,
  bus: busRule,
  singleFlight: singleFlightRule,
  maxWait: duration({ min: 1 }),
  lockTtl: duration({ min: 1 }),
  ttl: duration({ min: 1 }),
  grace: duration(),
  softTimeout: duration({ min: 1 }),
  hardTimeout: duration({ min: 1 }),
  earlyRefresh: earlyRefreshRule,
  cacheNull: flag(),
  tags: tagsRule,
  clock: wallClockRule,
  random: callback<() => number>(),
};

const CALL_RULES = { ttl: duration({ min: 1 }), grace: duration(), tags: tagsRule, unless: callback<(value: unknown) => boolean>() };

/**
 * @internal Validates a cache's options and merges the defaults: once, at construction.
 *
 * @throws InvalidOptionError naming the option, the value and what is allowed
 */
export function resolveCacheOptions(options: CacheOptions): CacheSettings {
  const given = validateOptions(PATH, options, RULES);
  if (given.name === undefined) throw new InvalidOptionError(`${PATH}.name`, undefined, messages.missingOption(PATH, 'name', cacheNameRule.expected));
  const namespace = given.namespace ?? defaults.namespace;
  const store = given.store ?? new MemoryCacheStore();
  if (given.bus !== undefined && !(store instanceof MemoryCacheStore)) {
    throw new InvalidOptionError(`${PATH}.bus`, given.bus, messages.cacheBusNeedsLocalStore(store.constructor.name));
  }
  const graceMs = given.grace ?? defaults.grace;
  const softTimeoutMs = checkSoftTimeout(options.softTimeout, given.softTimeout, graceMs, given.hardTimeout);
  return {
    name: given.name,
    namespace,
    prefix: `${namespace}:${given.name}:`,
    tagPrefix: `${namespace}:__tag:`,
    store,
    bus: given.bus,
    singleFlight: given.singleFlight,
    flightBounds: { maxWaitMs: given.maxWait ?? ms(defaults.maxWait), lockTtlMs: given.lockTtl ?? ms(defaults.lockTtl) },
    entry: entrySettings(namespace, given.ttl ?? ms(defaults.ttl), graceMs, given.tags),
    softTimeoutMs,
    hardTimeout: given.hardTimeout === undefined ? undefined : new TimeoutPolicy(given.hardTimeout),
    beta: resolveBeta(given.earlyRefresh),
    cacheNull: given.cacheNull ?? defaults.cacheNull,
    clock: given.clock ?? defaults.clock,
    random: given.random ?? defaults.random,
  };
}

/**
 * @internal One call's entry settings: the cache's, overridden by the call's options. Runs only
 * when a call passes options, and only when it writes.
 *
 * @throws InvalidOptionError naming the option, the value and what is allowed
 */
export function resolveCallOptions(settings: CacheSettings, options: CacheCallOptions<never> | undefined): EntrySettings {
  if (options === undefined) return settings.entry;
  const given = validateOptions(`${PATH}.call`, options, CALL_RULES);
  const base = settings.entry;
  const extra = entrySettings(settings.namespace, given.ttl ?? base.ttlMs, given.grace ?? base.graceMs, given.tags);
  return { ...extra, tags: [...base.tags, ...extra.tags], tagsOf: [...base.tagsOf, ...extra.tagsOf] };
}

function entrySettings(namespace: string, ttlMs: number, graceMs: number, tags: CacheOptions['tags']): EntrySettings {
  if (typeof tags === 'function') return { ttlMs, graceMs, tags: [], tagsOf: [tags] };
  return { ttlMs, graceMs, tags: (tags ?? []).map((tag) => tagKey(namespace, tag)), tagsOf: [] };
}

function checkSoftTimeout(raw: Duration | undefined, softTimeoutMs: number | undefined, graceMs: number, hardTimeoutMs: number | undefined): number {
  if (softTimeoutMs === undefined) return Infinity;
  if (graceMs === 0) {
    throw invalid('softTimeout', raw, 'no softTimeout while cache.grace is 0: it returns the stale value, and without grace there is none. Set grace too');
  }
  if (hardTimeoutMs !== undefined && softTimeoutMs >= hardTimeoutMs) {
    throw invalid('softTimeout', raw, `a duration shorter than cache.hardTimeout (${hardTimeoutMs} ms), or the stale value could never be served first`);
  }
  return softTimeoutMs;
}

function resolveBeta(earlyRefresh: boolean | EarlyRefreshOptions | undefined): number {
  if (earlyRefresh === false) return 0;
  if (earlyRefresh === undefined || earlyRefresh === true) return defaults.earlyRefreshBeta;
  const beta: OptionRule<number> = number(0, { exclusive: true });
  return validateOptions(`${PATH}.earlyRefresh`, earlyRefresh, { beta }).beta ?? defaults.earlyRefreshBeta;
}

function invalid(option: string, value: unknown, expected: string): InvalidOptionError {
  return new InvalidOptionError(`${PATH}.${option}`, value, messages.invalidOption(PATH, option, value, expected));
}

function ms(value: Duration): number {
  return toMilliseconds(value) as number;
}
