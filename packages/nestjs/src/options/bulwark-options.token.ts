import type { Clock } from '@bulwark/core';
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
}
