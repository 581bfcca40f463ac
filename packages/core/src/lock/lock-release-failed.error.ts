import { BulwarkError, hasBulwarkCode } from '../errors/bulwark.error.js';
import { messages } from '../errors/bulwark.messages.js';

/**
 * Thrown by `LockHandle.release()` when too few lock nodes confirmed the release. Safety is not
 * at stake: the lease still expires on its own within its ttl, and other holders wait until then.
 */
export class LockReleaseFailedError extends BulwarkError {
  readonly code = 'BULWARK_LOCK_RELEASE_FAILED' as const;

  /**
   * @param lockName the lock's name
   * @param token the fencing token of the holder that tried to release
   * @param detail what went wrong, e.g. `only 1 of 3 nodes confirmed`
   * @param ttlMs the lease's ttl, the longest the lock can stay taken
   * @param options `cause`: the last node error, when there was one
   */
  constructor(
    readonly lockName: string,
    readonly token: number,
    readonly detail: string,
    readonly ttlMs: number,
    options?: ErrorOptions,
  ) {
    super(messages.lockReleaseFailed(lockName, token, detail, ttlMs), options);
  }
}

/**
 * @param error any thrown value
 * @returns true when a lock release was not confirmed by enough nodes
 */
export function isLockReleaseFailedError(error: unknown): error is LockReleaseFailedError {
  return hasBulwarkCode(error, 'BULWARK_LOCK_RELEASE_FAILED');
}
