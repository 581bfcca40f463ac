import { isObservable } from 'rxjs';
import type { MethodInvoker } from '../metadata/method-forwarder.js';
import { composePolicies, type MethodPlan } from './method-plan.js';
import { guardedObservable, observableInvoker } from './observable.invoker.js';
import { promiseInvoker } from './promise.invoker.js';
import { syncInvoker } from './sync.invoker.js';

/**
 * For a method whose return type is not declared (a non-async method without an annotation):
 * learns from the first call that reaches the method whether it returns a Promise, an Observable
 * or a plain value, answers that call in kind, and uses the matching invoker from then on.
 * Policies call the method synchronously on the first attempt, which is what makes this possible.
 *
 * @param plan the method's plan
 * @returns the invoker to install on instances
 */
export function autoInvoker(plan: MethodPlan): MethodInvoker {
  const policyFor = composePolicies(plan);
  const asPromise = promiseInvoker(plan);
  let learned: MethodInvoker | undefined;
  return (instance, args) => {
    if (learned !== undefined) return learned(instance, args);
    let first: { value: unknown } | undefined;
    const policy = policyFor(args);
    const settled = policy.execute(() => {
      const value = plan.original.apply(instance, args);
      first ??= { value };
      return value;
    });
    if (first === undefined || isThenable(first.value)) {
      if (first !== undefined) learned = asPromise;
      const fallback = plan.fallback;
      return fallback ? settled.catch((error: unknown) => fallback(instance, args, error)) : settled;
    }
    // The policy already counted this call as a success; its settled copy of the value is not needed.
    settled.catch(() => {});
    if (isObservable(first.value)) {
      learned = observableInvoker(plan);
      let reuse: unknown = first.value;
      const source = (): unknown => {
        // The first subscription uses the Observable already made; a retry asks the method again.
        const made = reuse ?? plan.original.apply(instance, args);
        reuse = undefined;
        return made;
      };
      return guardedObservable(plan, policy, instance, args, source);
    }
    learned = syncInvoker(plan);
    return first.value;
  };
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | null)?.then === 'function';
}
