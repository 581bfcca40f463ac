import type { Policy } from '@bulwark/core';
import { Observable, from, isObservable, type Subscriber } from 'rxjs';
import type { MethodInvoker } from '../metadata/method-forwarder.js';
import { composePolicies, type MethodPlan } from './method-plan.js';

/**
 * Runs an Observable-returning method under its policies, once per subscription: each attempt
 * subscribes to a fresh source (a retry resubscribes), values pass straight through, and
 * unsubscribing aborts the attempt.
 *
 * @param plan the method's plan
 * @returns the invoker to install on instances
 */
export function observableInvoker(plan: MethodPlan): MethodInvoker {
  const policyFor = composePolicies(plan);
  return (instance, args) => guardedObservable(plan, policyFor(args), instance, args, () => plan.original.apply(instance, args));
}

/**
 * The Observable a caller gets: subscribing runs the policy around `source`.
 *
 * @param plan the method's plan, for its fallback
 * @param policy the composed policy for this call
 * @param instance the method's `this`, for the fallback
 * @param args the call's arguments, for the fallback
 * @param source produces the method's Observable for one attempt
 * @returns a cold Observable
 */
export function guardedObservable(
  plan: MethodPlan,
  policy: Policy,
  instance: object,
  args: unknown[],
  source: () => unknown,
): Observable<unknown> {
  return new Observable((subscriber) => {
    const controller = new AbortController();
    policy
      .execute(({ signal }) => forwardOneAttempt(source(), subscriber, signal), controller.signal)
      .then(
        () => subscriber.complete(),
        (error: unknown) => (plan.fallback ? answerWith(plan.fallback(instance, args, error), subscriber) : subscriber.error(error)),
      );
    return () => controller.abort();
  });
}

/** Subscribes to one attempt's source, passing values on; settles when it completes or errors. */
function forwardOneAttempt(source: unknown, subscriber: Subscriber<unknown>, signal: AbortSignal): Promise<void> {
  if (!isObservable(source)) return Promise.reject(new TypeError('expected the method to return an Observable'));
  return new Promise((resolve, reject) => {
    const subscription = source.subscribe({ next: (value) => subscriber.next(value), error: reject, complete: resolve });
    signal.addEventListener('abort', () => subscription.unsubscribe(), { once: true });
  });
}

/** Delivers a fallback's answer — an Observable, a Promise or a value — to the subscriber. */
function answerWith(answer: unknown, subscriber: Subscriber<unknown>): void {
  const answer$ = isObservable(answer) ? answer : from(Promise.resolve(answer));
  answer$.subscribe(subscriber);
}
