import { describe, expect, it } from 'vitest';
import { isInvalidOptionError } from '../errors/invalid-option.error.js';
import { CACHE_DEFAULTS } from './cache.options.js';
import { cache } from './cache.policy.js';
import { MemoryCacheStore } from './memory-cache.store.js';
import { MemoryInvalidationBus } from './memory-invalidation.bus.js';
import { TieredCacheStore } from './tiered-cache.store.js';

const DURATION = "Expected a finite duration, at least 1 ms: milliseconds as a number, or a string such as '250ms', '10s', '5m' or '1h'.";
const NAME = "1 to 64 letters, digits, '_', '.' or '-' (so no ':', '*' or other glob characters)";

describe('cache options', () => {
  it.each<[object, string]>([
    [{}, `Missing option cache.name. Expected ${NAME}, not starting with '__' (reserved).`],
    [{ name: 'a:b' }, `Invalid option cache.name: "a:b". Expected ${NAME}, not starting with '__' (reserved).`],
    [{ name: '__tag' }, 'Invalid option cache.name: "__tag".'],
    [{ name: 'c', namespace: 'a b' }, `Invalid option cache.namespace: "a b". Expected ${NAME}.`],
    [{ name: 'c', store: {} }, 'Invalid option cache.store: {}. Expected a CacheStore such as new MemoryCacheStore(): an object with get, set, delete, deleteByPrefix, invalidateTag and tagInvalidatedAt methods.'],
    [{ name: 'c', bus: {} }, 'Invalid option cache.bus: {}. Expected an InvalidationBus: an object with publish and subscribe methods.'],
    [{ name: 'c', singleFlight: 1 }, 'Invalid option cache.singleFlight: 1. Expected a DistributedSingleFlight: an object with a run method.'],
    [{ name: 'c', maxWait: 0 }, `Invalid option cache.maxWait: 0. ${DURATION}`],
    [{ name: 'c', lockTtl: 'x' }, `Invalid option cache.lockTtl: "x". ${DURATION}`],
    [{ name: 'c', ttl: 0 }, `Invalid option cache.ttl: 0. ${DURATION}`],
    [{ name: 'c', ttl: Infinity }, `Invalid option cache.ttl: Infinity. ${DURATION}`],
    [{ name: 'c', grace: -1 }, "Invalid option cache.grace: -1. Expected a finite duration, zero or more: milliseconds as a number, or a string such as '250ms', '10s', '5m' or '1h'."],
    [{ name: 'c', hardTimeout: 0 }, `Invalid option cache.hardTimeout: 0. ${DURATION}`],
    [
      { name: 'c', softTimeout: '1s' },
      'Invalid option cache.softTimeout: "1s". Expected no softTimeout while cache.grace is 0: it returns the stale value, and without grace there is none. Set grace too.',
    ],
    [
      { name: 'c', grace: '1m', softTimeout: '2s', hardTimeout: '1s' },
      'Invalid option cache.softTimeout: "2s". Expected a duration shorter than cache.hardTimeout (1000 ms), or the stale value could never be served first.',
    ],
    [{ name: 'c', earlyRefresh: 'yes' }, 'Invalid option cache.earlyRefresh: "yes". Expected true, false, or an object { beta? }.'],
    [{ name: 'c', earlyRefresh: { beta: 0 } }, 'Invalid option cache.earlyRefresh.beta: 0. Expected a finite number greater than 0.'],
    [{ name: 'c', earlyRefresh: { betta: 1 } }, 'Unknown option cache.earlyRefresh.betta. Did you mean "beta"? Known options: beta.'],
    [{ name: 'c', cacheNull: 0 }, 'Invalid option cache.cacheNull: 0. Expected true or false.'],
    [{ name: 'c', tags: [1] }, 'Invalid option cache.tags: [1]. Expected an array of strings, or a function (value) => string[].'],
    [{ name: 'c', clock: {} }, 'Invalid option cache.clock: {}. Expected a Clock: an object with a now() method returning epoch milliseconds, such as wallClock.'],
    [{ name: 'c', random: 0.5 }, 'Invalid option cache.random: 0.5. Expected a function.'],
    [{ name: 'c', tll: 5 }, 'Unknown option cache.tll. Did you mean "ttl"? Known options: name, namespace, store, bus, singleFlight, maxWait, lockTtl, ttl, grace, softTimeout, hardTimeout, earlyRefresh, cacheNull, tags, clock, random.'],
    [
      { name: 'c', bus: new MemoryInvalidationBus(), store: new TieredCacheStore(new MemoryCacheStore(), new MemoryCacheStore(), { bus: new MemoryInvalidationBus() }) },
      'Invalid option cache.bus: it is only for a per-process store (a MemoryCacheStore, the default), and cache.store is a TieredCacheStore. A TieredCacheStore takes the bus itself: new TieredCacheStore(l1, l2, { bus }); a store shared by every instance needs none. Remove cache.bus.',
    ],
  ])('refuses %j with a message naming the option and the fix', (options, message) => {
    expect(() => cache(options as never)).toThrow(message);
    try {
      cache(options as never);
    } catch (error) {
      expect(isInvalidOptionError(error)).toBe(true);
    }
  });

  it.each<[object, string]>([
    [{ ttl: 0 }, `Invalid option cache.call.ttl: 0. ${DURATION}`],
    [{ tll: 1 }, 'Unknown option cache.call.tll. Did you mean "ttl"? Known options: ttl, grace, tags, unless.'],
    [{ tags: [2] }, 'Invalid option cache.call.tags: [2]. Expected an array of strings, or a function (value) => string[].'],
  ])('refuses call options %j when it writes the entry', async (options, message) => {
    const catalog = cache({ name: 'c' });
    await expect(catalog.getOrSet('k', () => 1, options as never)).rejects.toThrow(message);
    await expect(catalog.set('k', 1, options as never)).rejects.toThrow(message);
  });

  it('accepts only a name, and exposes its defaults', () => {
    const catalog = cache({ name: 'catalog' });
    expect(catalog.namespace).toBe('bulwark');
    expect(catalog.keyOf('x').startsWith('bulwark:catalog:')).toBe(true);
    expect(CACHE_DEFAULTS).toMatchObject({ namespace: 'bulwark', ttl: '1m', grace: 0, earlyRefreshBeta: 1, cacheNull: true, maxWait: '5s', lockTtl: '3s' });
  });
});
