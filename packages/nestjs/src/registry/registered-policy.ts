import type { CircuitBreakerPolicy, RetryPolicy, TimeoutPolicy } from '@bulwark/core';

/** A policy built for this application, with the name it is known by in config, logs and metrics. */
export type RegisteredPolicy =
  | { readonly kind: 'circuitBreaker'; readonly name: string; readonly policy: CircuitBreakerPolicy }
  | { readonly kind: 'retry'; readonly name: string; readonly policy: RetryPolicy }
  | { readonly kind: 'timeout'; readonly name: string; readonly policy: TimeoutPolicy };
