import { messages } from '../errors/bulwark.messages.js';
import { InvalidOptionError } from '../errors/invalid-option.error.js';
import { TimeoutError } from '../errors/timeout.error.js';
import type { Event } from '../events/event.js';
import { EventEmitter } from '../events/event-emitter.js';
import { DURATION_FORMS, toMilliseconds, type Duration } from '../options/duration.js';
import { neverAbortedSignal, type Policy, type PolicyContext } from '../policy/policy.js';

/**
 * Timeouts take no options beyond their duration. They run on `setTimeout`, so tests control
 * them with `vi.useFakeTimers()`; there is deliberately no `clock`.
 */
export interface TimeoutOptions {
  /** Not supported: a timeout's timer is `setTimeout`, faked in tests with `vi.useFakeTimers()`. */
  readonly clock?: never;
}

/** Emitted by `TimeoutPolicy.onTimeout` when an operation ran out of time. */
export interface TimeoutEvent {
  /** The limit that was exceeded, in milliseconds. */
  readonly timeoutMs: number;
}

/**
 * Gives up on an operation that does not settle in time: aborts the signal it passed the
 * operation, with a `TimeoutError` as the reason, and rejects with that error at once, without
 * waiting for the operation to notice.
 *
 * @example
 * const policy = timeout('2s');
 * const body = await policy.execute(({ signal }) => fetch(url, { signal }).then((r) => r.text()));
 */
export class TimeoutPolicy implements Policy {
  /** The limit in milliseconds. */
  readonly timeoutMs: number;
  private readonly timeoutEmitter = new EventEmitter<TimeoutEvent>();

  /** Fires when an operation runs out of time, before the call rejects. */
  readonly onTimeout: Event<TimeoutEvent> = this.timeoutEmitter.event;

  /**
   * @param duration the limit: milliseconds, or a string such as '2s'; greater than 0
   * @throws InvalidOptionError when `duration` is not a finite duration greater than 0
   */
  constructor(duration: Duration) {
    this.timeoutMs = parseTimeout(duration);
  }

  /**
   * Runs `fn` with a signal that aborts when the time is up or the caller aborts.
   *
   * @param fn the operation; it should stop work when `context.signal` aborts
   * @param signal the caller's signal; its abort rejects the call at once with its reason
   * @returns what `fn` returned, if it settles in time
   * @throws TimeoutError when `fn` did not settle within `timeoutMs`; the caller's reason when it
   *   aborts first; otherwise what `fn` threw
   */
  execute<T>(fn: (context: PolicyContext) => PromiseLike<T> | T, signal: AbortSignal = neverAbortedSignal): Promise<T> {
    if (signal.aborted) return Promise.reject(signal.reason);
    const controller = new AbortController();
    let pending: PromiseLike<T> | T;
    try {
      pending = fn({ signal: controller.signal });
    } catch (error) {
      return Promise.reject(error);
    }
    // A value returned synchronously cannot be late: no timer, no listener.
    if (!isThenable(pending)) return Promise.resolve(pending);
    return this.race(pending, controller, signal);
  }

  private race<T>(pending: PromiseLike<T>, controller: AbortController, signal: AbortSignal): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const listens = signal !== neverAbortedSignal;
      const stop = (): void => {
        clearTimeout(timer);
        if (listens) signal.removeEventListener('abort', onCallerAbort);
      };
      const onCallerAbort = (): void => {
        stop();
        controller.abort(signal.reason);
        reject(signal.reason);
      };
      const timer = setTimeout(() => {
        stop();
        const error = new TimeoutError(this.timeoutMs);
        controller.abort(error);
        if (this.timeoutEmitter.hasListeners) this.timeoutEmitter.emit({ timeoutMs: this.timeoutMs });
        reject(error);
      }, this.timeoutMs);
      if (listens) signal.addEventListener('abort', onCallerAbort, { once: true });
      // The caller may have aborted while fn ran synchronously, before the listener existed.
      if (signal.aborted) onCallerAbort();
      pending.then(
        (value) => {
          stop();
          resolve(value);
        },
        (error: unknown) => {
          stop();
          reject(error);
        },
      );
    });
  }
}

function isThenable<T>(value: PromiseLike<T> | T): value is PromiseLike<T> {
  return typeof (value as PromiseLike<T> | null)?.then === 'function';
}

function parseTimeout(duration: unknown): number {
  const ms = toMilliseconds(duration);
  if (ms !== undefined && ms > 0 && Number.isFinite(ms)) return ms;
  const expected = `a finite duration greater than 0: ${DURATION_FORMS}`;
  throw new InvalidOptionError('timeout.duration', duration, messages.invalidOption('timeout', 'duration', duration, expected));
}

/**
 * Creates a timeout policy.
 *
 * @param duration the limit: milliseconds, or a string such as '250ms' or '2s'; greater than 0
 * @returns a policy that rejects with `TimeoutError` when an operation takes longer
 * @throws InvalidOptionError when `duration` is not a finite duration greater than 0
 * @example
 * const policy = timeout('500ms');
 * policy.onTimeout(({ timeoutMs }) => metrics.increment('timeouts', { timeoutMs }));
 */
export function timeout(duration: Duration): TimeoutPolicy {
  return new TimeoutPolicy(duration);
}
