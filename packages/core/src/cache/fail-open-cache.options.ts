import type { CircuitBreakerOptions } from '../circuit-breaker/circuit-breaker.options.js';
import type { Duration } from '../options/duration.js';

/** Options of `FailOpenCacheStore`, checked once when it is built. */
export interface FailOpenCacheStoreOptions {
  /**
   * The longest one store call may take before it counts as failed (a miss or a no-op); `false`
   * when the store's client already bounds every command (an ioredis `commandTimeout`), which
   * spares a second timer on every call. @default '100ms'
   */
  commandTimeout?: Duration | false;
  /** The circuit breaker around the store, merged over the defaults. @default { name: 'cache-store', consecutiveFailures: 5, openDuration: '5s' } */
  breaker?: CircuitBreakerOptions;
}

/** The defaults of `FailOpenCacheStore`'s options: the one place they are written. */
export const FAIL_OPEN_CACHE_DEFAULTS = Object.freeze({
  commandTimeout: '100ms',
  breaker: Object.freeze({ name: 'cache-store', consecutiveFailures: 5, openDuration: '5s' } as const),
} as const);
