import { wrap, type CircuitBreakerPolicy, type Policy, type RetryPolicy, type TimeoutPolicy } from '@bulwark/core';
import type { BreakerSource } from '../registry/policy.factory.js';
import type { MethodLayer } from './method-layer.js';

/** How a method delivers its result, which decides how policies wrap it. */
export type ReturnKind = 'promise' | 'observable' | 'sync' | 'unknown';

/** Everything needed to run one decorated method of one application. */
export interface MethodPlan {
  /** `Class.method`, for messages. */
  readonly label: string;
  readonly original: (...args: unknown[]) => unknown;
  readonly returns: ReturnKind;
  readonly retry: RetryPolicy | undefined;
  readonly breaker: BreakerSource | undefined;
  readonly timeout: TimeoutPolicy | undefined;
  /** Serves an answer when the protected call fails; called with the instance, arguments and error. */
  readonly fallback: ((instance: object, args: unknown[], error: unknown) => unknown) | undefined;
  /** Steps around the policies (singleton, cache), outermost first. */
  readonly layers: readonly MethodLayer[];
}

/** @returns whether the plan has a retry, breaker or timeout to run the method under */
export function hasPolicies(plan: MethodPlan): boolean {
  return plan.retry !== undefined || plan.breaker !== undefined || plan.timeout !== undefined;
}

/**
 * Composes the plan's policies in the one order Bulwark uses — Retry → CircuitBreaker → Timeout
 * → method — and returns, per call, the composed policy for the call's arguments (per-key
 * breakers pick theirs from the arguments).
 *
 * @param plan the method's plan
 * @returns a function from the call's arguments to the composed policy
 */
export function composePolicies(plan: MethodPlan): (args: unknown[]) => Policy {
  const compose = (breaker: CircuitBreakerPolicy | undefined): Policy => {
    const policies = [plan.retry, breaker, plan.timeout].filter((policy) => policy !== undefined);
    return policies.length === 1 ? policies[0] : wrap(policies[0], ...policies.slice(1));
  };
  const source = plan.breaker;
  if (source?.kind !== 'keyed') {
    const composed = compose(source?.breaker);
    return () => composed;
  }
  const perBreaker = new WeakMap<CircuitBreakerPolicy, Policy>();
  return (args) => {
    const breaker = source.breakers.get(source.key(...args));
    let composed = perBreaker.get(breaker);
    if (!composed) perBreaker.set(breaker, (composed = compose(breaker)));
    return composed;
  };
}
