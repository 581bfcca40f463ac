import type { CircuitBreakerPolicy } from '@bulwark/core';
import type { MethodInvoker } from '../metadata/method-forwarder.js';
import type { MethodPlan } from './method-plan.js';

/**
 * Runs a method that returns a plain value under its policies without making it asynchronous:
 * the breaker counts and refuses synchronously, and retries run at once (a synchronous call
 * cannot wait without blocking the event loop). A timeout cannot interrupt synchronous code, so
 * the planner refuses `@Timeout` on such methods.
 *
 * @param plan the method's plan
 * @returns the invoker to install on instances
 */
export function syncInvoker(plan: MethodPlan): MethodInvoker {
  const { original, retry, fallback } = plan;
  const source = plan.breaker;
  const breakerFor: (args: unknown[]) => CircuitBreakerPolicy | undefined =
    source === undefined ? () => undefined : source.kind === 'single' ? () => source.breaker : (args) => source.breakers.get(source.key(...args));
  return (instance, args) => {
    const breaker = breakerFor(args);
    const call = (): unknown => original.apply(instance, args);
    const guarded = breaker === undefined ? call : () => breaker.executeSync(call);
    try {
      return retry === undefined ? guarded() : retry.executeSync(guarded);
    } catch (error) {
      if (fallback === undefined) throw error;
      return fallback(instance, args, error);
    }
  };
}
