import { isObservable, type Subscriber, type Subscription } from 'rxjs';
import type { MethodInvoker } from '../metadata/method-forwarder.js';

/**
 * Calls the method and passes the values of the Observable it returns to `subscriber`, until the
 * source completes (resolves), errors (rejects), or either signal aborts (unsubscribes from the
 * source and resolves): `lost` when exclusivity ends, `cancelled` when the caller unsubscribed.
 * It does not complete or error `subscriber`: the caller does, once the lock is settled.
 *
 * @param inner the method under the singleton layer
 * @param instance the method's `this`
 * @param args the call's arguments
 * @param subscriber where values go
 * @param lost aborts when the lease or leadership is lost
 * @param cancelled aborts when the caller unsubscribes
 * @returns settles with the source
 */
export function forwardUntil(
  inner: MethodInvoker,
  instance: object,
  args: unknown[],
  subscriber: Subscriber<unknown>,
  lost: AbortSignal,
  cancelled: AbortSignal,
): Promise<void> {
  const source = inner(instance, args);
  if (!isObservable(source)) return Promise.reject(new TypeError('expected the method to return an Observable'));
  return new Promise((resolve, reject) => {
    if (lost.aborted || cancelled.aborted) return resolve();
    // Assigned once subscribe() returns; a source that settles during subscribe() finds it unset.
    let subscription: Subscription | undefined = undefined;
    let done = false;
    const finish = (failed: boolean, error?: unknown): void => {
      if (done) return;
      done = true;
      lost.removeEventListener('abort', stop);
      cancelled.removeEventListener('abort', stop);
      subscription?.unsubscribe();
      if (failed) reject(error);
      else resolve();
    };
    const stop = (): void => finish(false);
    lost.addEventListener('abort', stop, { once: true });
    cancelled.addEventListener('abort', stop, { once: true });
    subscription = source.subscribe({
      next: (value) => subscriber.next(value),
      error: (error: unknown) => finish(true, error),
      complete: stop,
    });
    // A source that settled while subscribing could not unsubscribe yet.
    if (done) subscription.unsubscribe();
  });
}

/**
 * Answers a skipped subscription: emits `skipResult` unless it is `undefined`, then completes.
 *
 * @param subscriber the caller's subscriber
 * @param skipResult what a skipped call returns
 */
export function completeSkipped(subscriber: Subscriber<unknown>, skipResult: unknown): void {
  if (skipResult !== undefined) subscriber.next(skipResult);
  subscriber.complete();
}
