import type { SuiteEntry } from '../harness/suite.js';

/**
 * Every suite `npm run bench -- <name>` can run. Add one line per suite; modules load lazily, so
 * a suite's peers (Nest, Redis clients...) are only imported when it runs.
 *
 * @example
 * const suite = await suites.core.load();
 */
export const suites: Readonly<Record<string, SuiteEntry>> = {
  core: {
    description: 'per-call overhead of retry + circuit breaker vs cockatiel and opossum, and open-circuit rejection cost',
    load: async () => (await import('./core.suite.js')).coreSuite,
  },
  nest: {
    description: 'a @Retry + @CircuitBreaker service method vs the same core policies called directly',
    load: async () => (await import('./nest.suite.js')).nestSuite,
  },
  lock: {
    description: 'RedisLock acquire + release over 1, 3 and 5 redis-servers, alone and with 8 contenders; leader failover over 10 crashes',
    load: async () => (await import('./lock.suite.js')).lockSuite,
  },
  storm: {
    description: 'retry-storm simulation: 200 clients, a 10 s outage of an HTTP dependency, four retry strategies',
    load: async () => (await import('./storm.suite.js')).stormSuite,
  },
  eviction: {
    description: "L1 hit ratio on a Zipf(0.99) trace vs LRU, LFU and Bélády's optimum",
    load: async () => (await import('./eviction.suite.js')).evictionSuite,
  },
  cache: {
    description: 'cache hits in memory vs cache-manager and lru-cache, Redis hits vs a raw GET, and a 1,000-caller stampede',
    load: async () => (await import('./cache.suite.js')).cacheSuite,
  },
};
