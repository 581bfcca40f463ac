import {
  INVALID,
  circuitBreaker,
  custom,
  duration,
  flag,
  monotonicClockRule,
  oneOf,
  retry,
  retryBudget,
  systemClock,
  timeout,
  validateOptions,
} from '@bulwark/core';
import type { BulwarkModuleOptions, CacheModuleOptions } from './bulwark-module.options.js';
import type { ResolvedBulwarkOptions } from './bulwark-options.token.js';
import { locateOptionError } from './option-errors.js';
import { resolveCacheOptions } from './resolve-cache-options.js';
import { resolveLockOptions } from './resolve-lock-options.js';
import type { LockModuleOptions } from './lock-module.options.js';
import type { BreakerPolicyOptions, RetryPolicyOptions } from './policy-options.js';

const FIX = "Change it in BulwarkModule.forRoot() / forRootAsync() options (or the 'bulwark' config namespace).";

const plainObject = (what: string) =>
  custom<Record<string, unknown>>(what, (value) =>
    typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : INVALID,
  );

const moduleRules = {
  defaults: plainObject('an object with any of circuitBreaker, retry and timeout'),
  circuitBreakers: plainObject('an object mapping breaker names to circuit breaker options'),
  retries: plainObject('an object mapping retry policy names to retry options'),
  timeouts: plainObject("an object mapping timeout names to durations, e.g. { inventory: '2s' }"),
  health: plainObject("an object such as { openCircuit: 'degraded' }"),
  logging: flag(),
  cache: plainObject('cache options, e.g. { redis: process.env.REDIS_URL, caches: { catalog: { ttl: \'15m\' } } }'),
  lock: plainObject("lock options, e.g. { redis: ['redis://a:6379', 'redis://b:6379', 'redis://c:6379'] }"),
  clock: monotonicClockRule,
};

/**
 * Validates `BulwarkModule` options and fills in defaults: the one place module defaults live.
 * Every named policy is built once here, so a bad value fails the application's bootstrap with
 * a message naming the config entry, the option, the value and the fix.
 *
 * @param options what `forRoot` or the `forRootAsync` factory gave
 * @returns the options the module runs on
 * @throws InvalidOptionError for an unknown option or an out-of-range value
 */
export function resolveBulwarkOptions(options: BulwarkModuleOptions | undefined): ResolvedBulwarkOptions {
  const top = at('BulwarkModule options', () => validateOptions('BulwarkModule', options, moduleRules));
  const defaults = at('BulwarkModule options', () =>
    validateOptions('BulwarkModule.defaults', top.defaults, {
      circuitBreaker: plainObject('circuit breaker options'),
      retry: plainObject('retry options'),
      timeout: duration({ min: 1 }),
    }),
  );
  const health = at('BulwarkModule options', () =>
    validateOptions('BulwarkModule.health', top.health, { openCircuit: oneOf(['down', 'degraded']) }),
  );
  const resolved: ResolvedBulwarkOptions = {
    defaults: {
      circuitBreaker: (defaults.circuitBreaker ?? {}) as BreakerPolicyOptions,
      retry: (defaults.retry ?? {}) as RetryPolicyOptions,
      timeoutMs: defaults.timeout,
    },
    circuitBreakers: (top.circuitBreakers ?? {}) as Record<string, BreakerPolicyOptions>,
    retries: (top.retries ?? {}) as Record<string, RetryPolicyOptions>,
    timeouts: {},
    health: { openCircuit: health.openCircuit ?? 'down' },
    logging: top.logging ?? true,
    clock: top.clock ?? systemClock,
    cache: resolveCacheOptions(top.cache as CacheModuleOptions | undefined, at),
    lock: resolveLockOptions(top.lock as LockModuleOptions | undefined, at),
  };
  checkPolicies(resolved, top.timeouts ?? {});
  return resolved;
}

/** Builds every configured policy once, so bad values surface at bootstrap, located in the config. */
function checkPolicies(resolved: ResolvedBulwarkOptions, timeouts: Record<string, unknown>): void {
  const { defaults } = resolved;
  at('BulwarkModule option defaults.circuitBreaker', () => circuitBreaker(defaults.circuitBreaker));
  at('BulwarkModule option defaults.retry', () => buildRetry(defaults.retry));
  for (const [name, options] of Object.entries(resolved.circuitBreakers)) {
    at(`BulwarkModule option circuitBreakers.${name}`, () => circuitBreaker({ ...defaults.circuitBreaker, ...options, name }));
  }
  for (const [name, options] of Object.entries(resolved.retries)) {
    at(`BulwarkModule option retries.${name}`, () => buildRetry({ ...defaults.retry, ...options }));
  }
  const timeoutsMs = resolved.timeouts as Record<string, number>;
  for (const [name, value] of Object.entries(timeouts)) {
    timeoutsMs[name] = at(`BulwarkModule option timeouts.${name}`, () => timeout(value as never).timeoutMs);
  }
}

function buildRetry({ budget, ...options }: RetryPolicyOptions) {
  return retry({ ...options, budget: budget ? retryBudget(budget) : undefined });
}

function at<T>(where: string, check: () => T): T {
  return locateOptionError(where, FIX, check);
}
