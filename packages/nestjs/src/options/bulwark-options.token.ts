import type { Clock, MemoryCacheStoreOptions } from '@bulwark/core';
import type { NamedCacheOptions } from '../metadata/cache.metadata.js';
import type { CacheModuleOptions } from './bulwark-module.options.js';
import type { ResolvedLockOptions } from './resolve-lock-options.js';
import type { BreakerPolicyOptions, RetryPolicyOptions } from './policy-options.js';

/** Injection token of the validated options, with every default filled in. */
export const BULWARK_OPTIONS = Symbol.for('bulwark:options');

/** `BulwarkModuleOptions` validated, durations converted, and defaults merged: what the module runs on. */
export interface ResolvedBulwarkOptions {
  readonly defaults: {
    readonly circuitBreaker: BreakerPolicyOptions;
    readonly retry: RetryPolicyOptions;
    readonly timeoutMs: number | undefined;
  };
  readonly circuitBreakers: Readonly<Record<string, BreakerPolicyOptions>>;
  readonly retries: Readonly<Record<string, RetryPolicyOptions>>;
  readonly timeouts: Readonly<Record<string, number>>;
  readonly health: { readonly openCircuit: 'down' | 'degraded' };
  readonly logging: boolean;
  readonly clock: Clock;
  readonly cache: ResolvedCacheOptions;
  readonly lock: ResolvedLockOptions;
}

/** The `cache` options validated, with defaults filled in. */
export interface ResolvedCacheOptions {
  readonly namespace: string;
  readonly l1: MemoryCacheStoreOptions | undefined;
  readonly redis: CacheModuleOptions['redis'];
  /** Options of the Redis tier besides the connection. */
  readonly tier: Pick<CacheModuleOptions, 'commandTimeout' | 'l1Ttl' | 'maxValueBytes'>;
  readonly defaults: NamedCacheOptions;
  readonly caches: Readonly<Record<string, NamedCacheOptions>>;
  /** The wall clock (epoch ms) of cache entries. */
  readonly clock: Clock;
}
