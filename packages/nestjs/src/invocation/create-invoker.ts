import type { MethodInvoker } from '../metadata/method-forwarder.js';
import { autoInvoker } from './auto.invoker.js';
import { hasPolicies, type MethodPlan } from './method-plan.js';
import { observableInvoker } from './observable.invoker.js';
import { promiseInvoker } from './promise.invoker.js';
import { syncInvoker } from './sync.invoker.js';

const byReturnKind = {
  promise: promiseInvoker,
  observable: observableInvoker,
  sync: syncInvoker,
  unknown: autoInvoker,
} as const satisfies Record<MethodPlan['returns'], (plan: MethodPlan) => MethodInvoker>;

/**
 * @param plan the method's plan
 * @returns the invoker that runs the method under its layers and policies, shaped by how it returns
 */
export function createInvoker(plan: MethodPlan): MethodInvoker {
  const { original } = plan;
  const core: MethodInvoker = hasPolicies(plan) ? byReturnKind[plan.returns](plan) : (instance, args) => original.apply(instance, args);
  return plan.layers.reduceRight<MethodInvoker>((inner, layer) => layer.wrap(inner), core);
}
