import { neverAbortedSignal, type PolicyContext } from '../policy/policy.js';

const unsignalled: PolicyContext = Object.freeze({ signal: neverAbortedSignal });
// Weak keys: a cached context never keeps a finished request's signal (and what it holds) alive.
const bySignal = new WeakMap<AbortSignal, PolicyContext>();

/**
 * @internal The frozen context for a signal: one shared object for unsignalled calls, and one per
 * distinct signal, so retries of one request reuse theirs and the common path allocates nothing.
 */
export function contextFor(signal: AbortSignal | undefined): PolicyContext {
  if (signal === undefined || signal === neverAbortedSignal) return unsignalled;
  let context = bySignal.get(signal);
  if (context === undefined) {
    context = Object.freeze({ signal });
    bySignal.set(signal, context);
  }
  return context;
}
