import type { Event } from '../events/event.js';
import { EventEmitter } from '../events/event-emitter.js';
import { neverAbortedSignal, type Policy } from '../policy/policy.js';
import type { RetryContext } from './retry.context.js';
import type { RetryEvent, RetryGiveUpEvent, RetryGiveUpReason, RetrySuccessEvent } from './retry.events.js';
import { resolveRetryOptions, type RetryOptions, type RetrySettings } from './retry.options.js';
import { abortableDelay } from './retry-wait.js';

/** What a failed attempt left behind: an error it threw, or a result `retryOnResult` rejected. */
interface Failure {
  readonly threw: boolean;
  readonly error: unknown;
  readonly result: unknown;
}

const thrown = (error: unknown): Failure => ({ threw: true, error, result: undefined });
const rejectedResult = (result: unknown): Failure => ({ threw: false, error: undefined, result });

/**
 * Runs a function again when it fails, waiting a growing, jittered delay between attempts, until
 * it succeeds, attempts or time run out, the budget refuses, or the caller aborts. A give-up
 * rethrows the last error unchanged (or returns the last result, for result-based retries).
 *
 * @example
 * const policy = retry({ maxAttempts: 4, delay: '200ms', jitter: 'full' });
 * const stock = await policy.execute(({ signal }) => inventory.stock(sku, { signal }), request.signal);
 */
export class RetryPolicy implements Policy<RetryContext> {
  private readonly settings: RetrySettings;
  private readonly retryEmitter = new EventEmitter<RetryEvent>();
  private readonly giveUpEmitter = new EventEmitter<RetryGiveUpEvent>();
  private readonly successEmitter = new EventEmitter<RetrySuccessEvent>();

  /** Fires before each wait, with the attempt about to run, the wait and what failed. */
  readonly onRetry: Event<RetryEvent> = this.retryEmitter.event;
  /** Fires when a call ends in failure, with the attempts made and why the policy stopped. */
  readonly onGiveUp: Event<RetryGiveUpEvent> = this.giveUpEmitter.event;
  /** Fires when an attempt succeeds, with the attempts it took. */
  readonly onSuccess: Event<RetrySuccessEvent> = this.successEmitter.event;

  /**
   * @param options see `RetryOptions`; validated here, never per call
   * @throws InvalidOptionError for an unknown option or a value out of range
   */
  constructor(options?: RetryOptions) {
    this.settings = resolveRetryOptions(options);
  }

  /**
   * Runs `fn`, retrying it as the options say.
   *
   * @param fn the operation; it receives the attempt number and the caller's signal
   * @param signal cancels the call: an attempt sees it, a pending wait rejects at once with its
   *   reason, and no further attempt starts
   * @returns what the successful attempt returned (or the last result, for result-based retries)
   * @throws the last attempt's error, unchanged, when the policy gives up; the signal's reason
   *   when it aborts before the first attempt or during a wait
   */
  async execute<T>(fn: (context: RetryContext) => PromiseLike<T> | T, signal: AbortSignal = neverAbortedSignal): Promise<T> {
    if (signal.aborted) {
      this.emitGiveUp(0, 'aborted', thrown(signal.reason));
      throw signal.reason;
    }
    const settings = this.settings;
    settings.budget?.recordCall();
    // The clock is read only when maxElapsed needs it, to keep the success path cheap.
    const startedAt = settings.maxElapsedMs === undefined ? 0 : settings.clock.now();
    let result: T;
    try {
      result = await fn({ signal, attempt: 1 });
    } catch (error) {
      return this.retryAfterFailure(fn, signal, startedAt, thrown(error));
    }
    if (settings.retryOnResult !== undefined && settings.retryOnResult(result)) {
      return this.retryAfterFailure(fn, signal, startedAt, rejectedResult(result));
    }
    if (this.successEmitter.hasListeners) this.successEmitter.emit({ attempts: 1 });
    return result;
  }

  /**
   * Runs a synchronous `fn`, retrying it at once: a synchronous caller cannot wait without
   * blocking the event loop, so backoff, jitter and Retry-After hints do not apply (`onRetry`
   * reports `delayMs: 0`). Everything else does: attempts, `maxElapsed`, `retryOn`,
   * `retryOnResult`, the budget, the signal and the events.
   *
   * @param fn the synchronous operation; it receives the attempt number and the caller's signal
   * @param signal checked before each attempt
   * @returns what the successful attempt returned (or the last result, for result-based retries)
   * @throws the last attempt's error, unchanged, when the policy gives up; the signal's reason
   *   when it was aborted before the first attempt
   * @example
   * const config = retry({ maxAttempts: 3 }).executeSync(() => readFileSync(path, 'utf8'));
   */
  executeSync<T>(fn: (context: RetryContext) => T, signal: AbortSignal = neverAbortedSignal): T {
    if (signal.aborted) {
      this.emitGiveUp(0, 'aborted', thrown(signal.reason));
      throw signal.reason;
    }
    const settings = this.settings;
    settings.budget?.recordCall();
    const startedAt = settings.maxElapsedMs === undefined ? 0 : settings.clock.now();
    for (let attempt = 1; ; attempt++) {
      let failure: Failure;
      try {
        const result = fn({ signal, attempt });
        if (settings.retryOnResult?.(result) !== true) {
          if (this.successEmitter.hasListeners) this.successEmitter.emit({ attempts: attempt });
          return result;
        }
        failure = rejectedResult(result);
      } catch (error) {
        failure = thrown(error);
      }
      if (this.planRetry(attempt, startedAt, 0, signal, failure, true) === undefined) {
        if (failure.threw) throw failure.error;
        return failure.result as T;
      }
    }
  }

  /** The slow path, entered only once the first attempt failed. */
  private async retryAfterFailure<T>(
    fn: (context: RetryContext) => PromiseLike<T> | T,
    signal: AbortSignal,
    startedAt: number,
    firstFailure: Failure,
  ): Promise<T> {
    let failure = firstFailure;
    let previousWaitMs = this.settings.delayMs;
    for (let attempts = 1; ; attempts++) {
      const waitMs = this.planRetry(attempts, startedAt, previousWaitMs, signal, failure, false);
      if (waitMs === undefined) {
        if (failure.threw) throw failure.error;
        return failure.result as T;
      }
      await this.wait(waitMs, signal, attempts);
      previousWaitMs = waitMs;
      try {
        const result = await fn({ signal, attempt: attempts + 1 });
        if (this.settings.retryOnResult?.(result) !== true) {
          if (this.successEmitter.hasListeners) this.successEmitter.emit({ attempts: attempts + 1 });
          return result;
        }
        failure = rejectedResult(result);
      } catch (error) {
        failure = thrown(error);
      }
    }
  }

  /**
   * Decides whether to retry after `attempts` attempts; takes a budget token when it does.
   *
   * @param immediate retry without a wait (for `executeSync`)
   * @returns the wait before the next attempt, or `undefined` after emitting the give-up
   */
  private planRetry(
    attempts: number,
    startedAt: number,
    previousWaitMs: number,
    signal: AbortSignal,
    failure: Failure,
    immediate: boolean,
  ): number | undefined {
    const settings = this.settings;
    let reason: RetryGiveUpReason;
    if (signal.aborted) reason = 'aborted';
    else if (failure.threw && !settings.shouldRetry(failure.error)) reason = 'not-retryable';
    else if (attempts >= settings.maxAttempts) reason = 'attempts';
    else {
      const waitMs = immediate ? 0 : this.waitBefore(attempts, previousWaitMs, failure);
      if (settings.maxElapsedMs !== undefined && settings.clock.now() - startedAt + waitMs > settings.maxElapsedMs) {
        reason = 'elapsed';
      } else if (settings.budget !== undefined && !settings.budget.tryWithdraw()) {
        reason = 'budget';
      } else {
        if (this.retryEmitter.hasListeners) this.emitRetry(attempts + 1, waitMs, failure);
        return waitMs;
      }
    }
    this.emitGiveUp(attempts, reason, failure);
    return undefined;
  }

  /** The wait before retry number `retry`: the error's hint when it has one, else the jittered backoff. */
  private waitBefore(retry: number, previousWaitMs: number, failure: Failure): number {
    const settings = this.settings;
    if (failure.threw) {
      const hint = settings.retryAfter(failure.error);
      if (typeof hint === 'number' && Number.isFinite(hint)) return Math.min(Math.max(0, hint), settings.maxDelayMs);
    }
    return settings.jitter(settings.backoff(retry, settings), previousWaitMs, settings);
  }

  private async wait(waitMs: number, signal: AbortSignal, attempts: number): Promise<void> {
    try {
      await abortableDelay(waitMs, signal);
    } catch (reason) {
      this.emitGiveUp(attempts, 'aborted', thrown(reason));
      throw reason;
    }
  }

  private emitRetry(attempt: number, delayMs: number, failure: Failure): void {
    this.retryEmitter.emit(failure.threw ? { attempt, delayMs, error: failure.error } : { attempt, delayMs, result: failure.result });
  }

  private emitGiveUp(attempts: number, reason: RetryGiveUpReason, failure: Failure): void {
    if (!this.giveUpEmitter.hasListeners) return;
    this.giveUpEmitter.emit(failure.threw ? { attempts, reason, error: failure.error } : { attempts, reason, result: failure.result });
  }
}

/**
 * Creates a retry policy.
 *
 * @param options attempts, backoff, jitter, which failures to retry, budget; see `RetryOptions`
 * @returns a policy whose `execute(fn, signal)` retries `fn`
 * @throws InvalidOptionError for an unknown option or a value out of range
 * @example
 * const policy = retry({ maxAttempts: 5, backoff: 'exponential', delay: '100ms', maxDelay: '5s' });
 * const user = await policy.execute(({ attempt }) => api.getUser(id, { attempt }));
 */
export function retry(options?: RetryOptions): RetryPolicy {
  return new RetryPolicy(options);
}
