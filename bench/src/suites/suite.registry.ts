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
};
