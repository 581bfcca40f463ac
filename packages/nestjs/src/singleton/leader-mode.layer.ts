import type { LeaderElector, Leadership } from '@bulwark/core';
import { Observable, type Subscriber } from 'rxjs';
import type { ReturnKind } from '../invocation/method-plan.js';
import type { MethodLayer } from '../invocation/method-layer.js';
import type { MethodInvoker } from '../metadata/method-forwarder.js';
import { completeSkipped, forwardUntil } from './forward-until.js';
import type { SingletonRun } from './singleton.context.js';
import { notLeaderError, SingletonLayer, type SingletonLayerDeps } from './singleton.layer.js';
import type { LeaderModeSettings } from './singleton.settings.js';

/**
 * `@Singleton({ mode: 'leader' })` as a layer: a call runs the method only while this instance
 * leads the election, and is skipped (or refused) elsewhere. A term that ends while the method
 * runs aborts the method's signal, and the call fails with the `LockLostError` once the method
 * settles (an Observable is cut at once). Synchronous methods stay synchronous: leadership is
 * known locally, so no call waits.
 */
export class LeaderModeLayer extends SingletonLayer<LeaderModeSettings> implements MethodLayer {
  private lastTerm: Leadership | undefined;
  private lastRun: SingletonRun | undefined;

  /**
   * @param method `Class.method`
   * @param settings the validated decorator options
   * @param elector the election's elector
   * @param deps the refusal reporter and the run context
   * @param shape how the method returns
   */
  constructor(
    method: string,
    settings: LeaderModeSettings,
    private readonly elector: LeaderElector,
    deps: SingletonLayerDeps,
    private readonly shape: ReturnKind,
  ) {
    super(method, settings, deps);
  }

  wrap(inner: MethodInvoker): MethodInvoker {
    switch (this.shape) {
      case 'promise':
        return (instance, args) => this.callAsync(inner, instance, args);
      case 'observable':
        return (instance, args) => new Observable((subscriber) => this.subscribe(inner, instance, args, subscriber));
      default:
        return (instance, args) => this.call(inner, instance, args);
    }
  }

  /** A synchronous method, or one whose return type is not declared (a Promise it returns is awaited). */
  private call(inner: MethodInvoker, instance: object, args: unknown[]): unknown {
    const term = this.elector.leadership();
    if (term === undefined) return this.refuseHere();
    const value = this.deps.context.run(this.runFor(term), inner, instance, args);
    if (isThenable(value)) return this.settle(term, value);
    if (term.signal.aborted) throw term.signal.reason;
    return value;
  }

  private async callAsync(inner: MethodInvoker, instance: object, args: unknown[]): Promise<unknown> {
    const term = this.elector.leadership();
    if (term === undefined) return this.refuseHere();
    return this.settle(term, this.deps.context.run(this.runFor(term), inner, instance, args));
  }

  private async settle(term: Leadership, pending: unknown): Promise<unknown> {
    let value: unknown;
    let failure: unknown;
    let failed = false;
    try {
      value = await pending;
    } catch (error) {
      failed = true;
      failure = error;
    }
    if (term.signal.aborted) throw term.signal.reason;
    if (failed) throw failure;
    return value;
  }

  private subscribe(inner: MethodInvoker, instance: object, args: unknown[], subscriber: Subscriber<unknown>): (() => void) | undefined {
    const term = this.elector.leadership();
    if (term === undefined) {
      try {
        completeSkipped(subscriber, this.refuseHere());
      } catch (error) {
        subscriber.error(error);
      }
      return undefined;
    }
    const cancel = new AbortController();
    const lost = term.signal;
    this.deps.context
      .run(this.runFor(term), forwardUntil, inner, instance, args, subscriber, lost, cancel.signal)
      .then(
        () => (lost.aborted ? subscriber.error(lost.reason) : subscriber.complete()),
        (error: unknown) => subscriber.error(lost.aborted ? lost.reason : error),
      );
    return () => cancel.abort();
  }

  private refuseHere(): unknown {
    const reason = this.elector.currentLeader() === undefined ? 'unavailable' : 'held';
    return this.refuse(reason, () => notLeaderError(this.settings.name, reason));
  }

  /** The run of a term, built once per term rather than per call. */
  private runFor(term: Leadership): SingletonRun {
    if (term !== this.lastTerm) {
      this.lastTerm = term;
      this.lastRun = this.runOf(term.token, term.signal);
    }
    return this.lastRun!;
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | null)?.then === 'function';
}
