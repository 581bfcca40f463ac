import { INVALID, MemoryCacheStore, cache, custom, duration, integer, namespaceRule, validateOptions, wallClock, wallClockRule } from '@bulwark/core';
import type { NamedCacheOptions } from '../metadata/cache.metadata.js';
import type { CacheModuleOptions } from './bulwark-module.options.js';
import type { ResolvedCacheOptions } from './bulwark-options.token.js';

const object = (what: string) =>
  custom<Record<string, unknown>>(what, (value) =>
    typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : INVALID,
  );

const rules = {
  namespace: namespaceRule,
  l1: object('memory tier limits, e.g. { maxEntries: 10000, maxBytes: 50_000_000 }'),
  redis: custom<NonNullable<CacheModuleOptions['redis']>>("a redis:// URL, ioredis options, or an ioredis client", (value) =>
    typeof value === 'string' || (typeof value === 'object' && value !== null) ? (value as NonNullable<CacheModuleOptions['redis']>) : INVALID,
  ),
  commandTimeout: duration({ min: 1 }),
  l1Ttl: duration({ min: 1 }),
  maxValueBytes: integer(1),
  defaults: object("cache options, e.g. { ttl: '1m', grace: '10m' }"),
  caches: object("an object mapping cache names to cache options, e.g. { catalog: { ttl: '15m' } }"),
  clock: wallClockRule,
};

/**
 * Validates the `cache` options of `BulwarkModule` and fills in defaults. Every named cache is
 * built once, on a throwaway memory store, so a bad value fails bootstrap naming the entry.
 *
 * @param options the `cache` options as given
 * @param at runs a check, prefixing its error with where in the options it is
 * @returns the options the cache layer runs on
 * @throws InvalidOptionError for an unknown option or an out-of-range value
 */
export function resolveCacheOptions(options: CacheModuleOptions | undefined, at: <T>(where: string, check: () => T) => T): ResolvedCacheOptions {
  const given = at('BulwarkModule options', () => validateOptions('BulwarkModule.cache', options, rules));
  const defaults = (given.defaults ?? {}) as NamedCacheOptions;
  const caches = (given.caches ?? {}) as Record<string, NamedCacheOptions>;
  const namespace = given.namespace ?? 'bulwark';
  const probe = new MemoryCacheStore({ maxEntries: 1 });
  at('BulwarkModule option cache.defaults', () => cache({ name: 'defaults', namespace, store: probe, ...defaults }));
  for (const [name, named] of Object.entries(caches)) {
    at(`BulwarkModule option cache.caches.${name}`, () => cache({ name, namespace, store: probe, ...defaults, ...named }));
  }
  return {
    namespace,
    l1: given.l1,
    redis: given.redis,
    tier: { commandTimeout: given.commandTimeout, l1Ttl: given.l1Ttl, maxValueBytes: given.maxValueBytes },
    defaults,
    caches,
    clock: given.clock ?? wallClock,
  };
}
