import type { Event } from '../events/event.js';
import type { LockHandle } from './lock.handle.js';
import { LockEmitters, type LockAcquiredEvent, type LockLostEvent, type LockReleasedEvent, type LockReleaseFailedEvent } from './lock.events.js';
import type { LockAcquireOptions } from './lock.options.js';
import { isLockNotAcquiredError } from './lock-not-acquired.error.js';
import { isLockReleaseFailedError } from './lock-release-failed.error.js';

/**
 * Named mutual exclusion with leases and fencing tokens: the port every lock implements
 * (`InMemoryLock` in one process, `RedisLock` across processes). An abstract class, so it is both
 * the type and the injection token.
 *
 * @example
 * const result = await lock.using('rebuild-index', async ({ token, signal }) => rebuild({ token, signal }), {
 *   ttl: '30s',
 *   waitTimeout: '5s',
 * });
 */
export abstract class Lock {
  /** @internal Implementations emit through these. */
  protected readonly emitters = new LockEmitters();

  /** Fires when a lease is taken. */
  readonly onAcquired: Event<LockAcquiredEvent> = this.emitters.acquired.event;
  /** Fires when a holder releases its lease. */
  readonly onReleased: Event<LockReleasedEvent> = this.emitters.released.event;
  /** Fires when a holder loses its lease before releasing it; its signal aborts at the same time. */
  readonly onLost: Event<LockLostEvent> = this.emitters.lost.event;
  /** Fires when a release was not confirmed; the lease then ends on its own within its ttl. */
  readonly onReleaseFailed: Event<LockReleaseFailedEvent> = this.emitters.releaseFailed.event;

  /**
   * Takes the lock, waiting up to `waitTimeout` while someone else holds it.
   *
   * @param name the lock's name; holders of the same name exclude each other
   * @param options the lease and the wait; each defaults to the lock's
   * @returns the held lease, with its fencing token and lost-lease signal
   * @throws LockNotAcquiredError when it could not be taken within `waitTimeout`
   * @throws InvalidOptionError when an option is unknown or out of range
   * @throws the signal's reason when `options.signal` aborts first
   */
  abstract acquire(name: string, options?: LockAcquireOptions): Promise<LockHandle>;

  /**
   * Like `acquire`, but resolves `undefined` instead of throwing when the lock is not acquired.
   *
   * @param name the lock's name
   * @param options the lease and the wait
   * @returns the held lease, or `undefined` when it could not be taken within `waitTimeout`
   * @throws InvalidOptionError, or the signal's reason, as `acquire` does
   * @example
   * const handle = await lock.tryAcquire('hourly-sync');
   * if (!handle) return; // another instance runs it
   */
  async tryAcquire(name: string, options?: LockAcquireOptions): Promise<LockHandle | undefined> {
    try {
      return await this.acquire(name, options);
    } catch (error) {
      if (isLockNotAcquiredError(error)) return undefined;
      throw error;
    }
  }

  /**
   * Runs `fn` while holding the lock, then releases it whatever happens. A release that fails is
   * reported on `onReleaseFailed`, not thrown: the work is done and the lease ends on its own.
   *
   * @param name the lock's name
   * @param fn the exclusive work; it should pass `handle.token` to the resource and stop when
   *   `handle.signal` aborts
   * @param options the lease and the wait
   * @returns what `fn` returned
   * @throws LockNotAcquiredError when the lock could not be taken; what `fn` threw; or the
   *   `LockLostError` when the lease was lost while `fn` ran, even if `fn` then resolved, since
   *   its work can no longer be shown to have been exclusive
   */
  async using<T>(name: string, fn: (handle: LockHandle) => PromiseLike<T> | T, options?: LockAcquireOptions): Promise<T> {
    const handle = await this.acquire(name, options);
    let result: T;
    try {
      result = await fn(handle);
    } finally {
      await handle.release().catch(rethrowUnlessReleaseFailed);
    }
    if (handle.signal.aborted) throw handle.signal.reason;
    return result;
  }
}

function rethrowUnlessReleaseFailed(error: unknown): void {
  if (!isLockReleaseFailedError(error)) throw error;
}
