import { isLockNotAcquiredError, isLockReleaseFailedError, type Lock, type LockHandle } from '@bulwark/core';
import { Observable, type Subscriber } from 'rxjs';
import type { MethodLayer } from '../invocation/method-layer.js';
import type { MethodInvoker } from '../metadata/method-forwarder.js';
import { completeSkipped, forwardUntil } from './forward-until.js';
import { SingletonLayer, type SingletonLayerDeps } from './singleton.layer.js';
import type { LockModeSettings } from './singleton.settings.js';

/**
 * `@Singleton({ mode: 'lock' })` as a layer: each call (each subscription, for an Observable
 * method) takes the lock, runs the method holding it, and releases it. A call that cannot take
 * the lock — held elsewhere, or no majority of nodes answered — does not run (fail closed). A
 * lease lost while the method runs aborts the method's signal, and the call rejects with the
 * `LockLostError` once the method settles (an Observable is cut at once). A release that fails is
 * reported on the lock's `onReleaseFailed`, never thrown over the method's result.
 */
export class LockModeLayer extends SingletonLayer<LockModeSettings> implements MethodLayer {
  /**
   * @param method `Class.method`
   * @param settings the validated decorator options
   * @param lock the application's lock
   * @param deps the refusal reporter and the run context
   * @param shape how the method returns
   */
  constructor(
    method: string,
    settings: LockModeSettings,
    private readonly lock: Lock,
    deps: SingletonLayerDeps,
    private readonly shape: 'promise' | 'observable',
  ) {
    super(method, settings, deps);
  }

  wrap(inner: MethodInvoker): MethodInvoker {
    if (this.shape === 'promise') return (instance, args) => this.call(inner, instance, args);
    return (instance, args) => new Observable((subscriber) => this.subscribe(inner, instance, args, subscriber));
  }

  private async call(inner: MethodInvoker, instance: object, args: unknown[]): Promise<unknown> {
    const handle = await this.acquire(undefined);
    if (handle === undefined) return this.settings.skipResult;
    let value: unknown;
    let failure: unknown;
    let failed = false;
    try {
      value = await this.deps.context.run(this.runOf(handle.token, handle.signal), inner, instance, args);
    } catch (error) {
      failed = true;
      failure = error;
    }
    await release(handle);
    if (handle.signal.aborted) throw handle.signal.reason;
    if (failed) throw failure;
    return value;
  }

  private subscribe(inner: MethodInvoker, instance: object, args: unknown[], subscriber: Subscriber<unknown>): () => void {
    const cancel = new AbortController();
    this.holdWhileSubscribed(inner, instance, args, subscriber, cancel.signal).catch((error: unknown) => subscriber.error(error));
    return () => cancel.abort();
  }

  private async holdWhileSubscribed(
    inner: MethodInvoker,
    instance: object,
    args: unknown[],
    subscriber: Subscriber<unknown>,
    cancelled: AbortSignal,
  ): Promise<void> {
    const handle = await this.acquire(cancelled);
    if (handle === undefined) return completeSkipped(subscriber, this.settings.skipResult);
    let failure: unknown;
    let failed = false;
    try {
      await this.deps.context.run(this.runOf(handle.token, handle.signal), forwardUntil, inner, instance, args, subscriber, handle.signal, cancelled);
    } catch (error) {
      failed = true;
      failure = error;
    }
    await release(handle);
    if (handle.signal.aborted) subscriber.error(handle.signal.reason);
    else if (failed) subscriber.error(failure);
    else subscriber.complete();
  }

  /**
   * @param signal cancels the wait (an unsubscribed Observable)
   * @returns the lease, or `undefined` when the call is skipped
   * @throws LockNotAcquiredError with `onLocked: 'throw'`; the signal's reason when it aborted
   */
  private async acquire(signal: AbortSignal | undefined): Promise<LockHandle | undefined> {
    const { name, acquire } = this.settings;
    try {
      return await this.lock.acquire(name, signal === undefined ? acquire : { ...acquire, signal });
    } catch (error) {
      if (!isLockNotAcquiredError(error)) throw error;
      this.refuse(error.reason, error);
      return undefined;
    }
  }
}

/** Releases a lease; a release too few nodes confirmed was already reported by the lock, and ends on its own. */
async function release(handle: LockHandle): Promise<void> {
  try {
    await handle.release();
  } catch (error) {
    if (!isLockReleaseFailedError(error)) throw error;
  }
}
