import { LockNotAcquiredError, type LockNotAcquiredReason } from '@bulwark/core';
import type { BulwarkLocks } from './bulwark-locks.js';
import type { SingletonContext, SingletonRun } from './singleton.context.js';
import type { LeaderModeSettings, LockModeSettings } from './singleton.settings.js';

/** What a singleton layer reports to and runs in. */
export interface SingletonLayerDeps {
  /** Where refusals are reported. */
  readonly locks: Pick<BulwarkLocks, 'reportRefused'>;
  /** Where the run's token and signal are kept while the method runs. */
  readonly context: SingletonContext;
}

/** The part of a `@Singleton` layer both modes share: refusing a call, and describing a run. */
export abstract class SingletonLayer<S extends LockModeSettings | LeaderModeSettings> {
  /**
   * @param method `Class.method`, for events
   * @param settings the validated decorator options
   * @param deps the refusal reporter and the run context
   */
  constructor(
    protected readonly method: string,
    protected readonly settings: S,
    protected readonly deps: SingletonLayerDeps,
  ) {}

  /**
   * Reports a call that may not run, then answers it as `onLocked` says.
   *
   * @param reason why it may not run
   * @param error the error to throw with `onLocked: 'throw'`
   * @returns `skipResult`
   * @throws the error, with `onLocked: 'throw'`
   */
  protected refuse(reason: LockNotAcquiredReason, error: LockNotAcquiredError | (() => LockNotAcquiredError)): unknown {
    const { mode, name, onLocked, skipResult } = this.settings;
    this.deps.locks.reportRefused({ method: this.method, mode, name, reason });
    if (onLocked === 'throw') throw typeof error === 'function' ? error() : error;
    return skipResult;
  }

  /** @returns the run a method sees through `SingletonContext` */
  protected runOf(token: number, signal: AbortSignal): SingletonRun {
    return { mode: this.settings.mode, name: this.settings.name, token, signal };
  }
}

/** @returns a not-leader refusal as a `LockNotAcquiredError` on the election's lock */
export function notLeaderError(election: string, reason: LockNotAcquiredReason): LockNotAcquiredError {
  return LockNotAcquiredError.fastFail(`leader:${election}`, reason, 0, 1);
}
