import { bulwarkOptionsFromEnv, type BulwarkModuleOptions } from '@bulwark/nestjs';
import { registerAs } from '@nestjs/config';
import type { Env } from './env.js';
import { mergeOptions } from './merge-options.js';

/**
 * How the order service protects its calls to the inventory, before any `BULWARK__*` override.
 * The retry, the breaker and the timeout share the name `inventory`, so
 * `BULWARK__RETRIES__INVENTORY__MAX_ATTEMPTS=5` or `BULWARK__CIRCUIT_BREAKERS__INVENTORY__OPEN_DURATION=30s`
 * tune them from the environment.
 */
export const SAMPLE_POLICIES = {
  circuitBreakers: {
    // Opens after 5 failures in a row, or when half of the last 20 calls (at least 10) failed.
    inventory: { consecutiveFailures: 5, window: { type: 'count', size: 20 }, minimumCalls: 10, failureRateThreshold: 0.5, openDuration: '15s' },
  },
  retries: {
    // Retries may add at most 20 % to the calls in a 10 s window, plus 1 per second, so an outage cannot start a retry storm.
    inventory: {
      maxAttempts: 3,
      backoff: 'exponential',
      delay: '100ms',
      maxDelay: '1s',
      jitter: 'full',
      budget: { ratio: 0.2, minRetriesPerSecond: 1, window: '10s' },
    },
  },
  timeouts: { inventory: '1s' },
  // The service still answers stock lookups from the last known levels while the circuit is open.
  health: { openCircuit: 'degraded' },
} as const satisfies BulwarkModuleOptions;

/**
 * Builds the `bulwark` namespace: `SAMPLE_POLICIES` with every `BULWARK__*` variable on top.
 *
 * @param env the variables to read
 * @returns the options for `BulwarkModule`, validated by it at bootstrap
 * @throws Error naming a malformed `BULWARK__*` variable
 * @example
 * bulwarkConfigFrom({ BULWARK__CIRCUIT_BREAKERS__INVENTORY__OPEN_DURATION: '200ms' }).circuitBreakers?.inventory?.openDuration; // '200ms'
 */
export function bulwarkConfigFrom(env: Env): BulwarkModuleOptions {
  // later: cache tier options (an L2 store from REDIS_URL) once @Cacheable lands.
  return mergeOptions<BulwarkModuleOptions>(SAMPLE_POLICIES, bulwarkOptionsFromEnv(env));
}

/** The `bulwark` config namespace, read from `process.env` at bootstrap. */
export const bulwarkConfig = registerAs('bulwark', (): BulwarkModuleOptions => bulwarkConfigFrom(process.env));
