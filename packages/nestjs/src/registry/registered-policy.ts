import type { CachePolicy, CircuitBreakerPolicy, RetryPolicy, TimeoutPolicy } from '@bulwark/core';
import type { CacheBackend } from '../cache/cache-backend.js';

/** A policy built for this application, with the name it is known by in config, logs and metrics. */
export type RegisteredPolicy =
  | {
      readonly kind: 'circuitBreaker';
      readonly name: string;
      readonly policy: CircuitBreakerPolicy;
      /** Set for a breaker whose callers fail open (the Redis cache tier's): when open, health is degraded, never down. */
      readonly failsOpen?: boolean;
    }
  | { readonly kind: 'cache'; readonly name: string; readonly policy: CachePolicy }
  | { readonly kind: 'cacheBackend'; readonly name: string; readonly policy: CacheBackend }
  | { readonly kind: 'retry'; readonly name: string; readonly policy: RetryPolicy }
  | { readonly kind: 'timeout'; readonly name: string; readonly policy: TimeoutPolicy };
