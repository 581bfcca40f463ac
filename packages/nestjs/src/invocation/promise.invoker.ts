import type { MethodInvoker } from '../metadata/method-forwarder.js';
import { composePolicies, type MethodPlan } from './method-plan.js';

/**
 * Runs a Promise-returning method under its policies; the fallback, if any, answers once they
 * give up.
 *
 * @param plan the method's plan
 * @returns the invoker to install on instances
 */
export function promiseInvoker(plan: MethodPlan): MethodInvoker {
  const policyFor = composePolicies(plan);
  const { original, fallback } = plan;
  if (fallback === undefined) {
    return (instance, args) => policyFor(args).execute(() => original.apply(instance, args));
  }
  return (instance, args) =>
    policyFor(args)
      .execute(() => original.apply(instance, args))
      .catch((error: unknown) => fallback(instance, args, error));
}
