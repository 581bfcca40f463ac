import type { Clock, Duration } from '@bulwark/core';
import type { BreakerPolicyOptions, RetryPolicyOptions } from './policy-options.js';

/**
 * How `BulwarkModule` is configured: named policies that decorators refer to, defaults under
 * them, and the behaviour of health and logging. Every value can come from configuration (see
 * `bulwarkOptionsFromEnv`); durations accept strings such as '30s'.
 *
 * Precedence, lowest first: built-in defaults, `defaults`, the named policy, the decorator's
 * inline options.
 */
export interface BulwarkModuleOptions {
  /** Options every policy of a kind starts from. */
  defaults?: {
    circuitBreaker?: BreakerPolicyOptions;
    retry?: RetryPolicyOptions;
    /** A timeout applied only to methods with `@Timeout()` and no duration. */
    timeout?: Duration;
  };
  /** Named circuit breakers: every method naming one shares one breaker. */
  circuitBreakers?: Record<string, BreakerPolicyOptions>;
  /** Named retry policies: every method naming one shares its retry budget. */
  retries?: Record<string, RetryPolicyOptions>;
  /** Named timeouts. */
  timeouts?: Record<string, Duration>;
  /** How breakers show on the health indicator. */
  health?: {
    /** What an OPEN or ISOLATED breaker does to health. @default 'down' */
    openCircuit?: 'down' | 'degraded';
  };
  /** Whether state changes are logged through Nest's `Logger`. @default true */
  logging?: boolean;
  /** The monotonic clock every policy reads (tests pass a `ManualClock`). @default systemClock */
  clock?: Clock;
}
