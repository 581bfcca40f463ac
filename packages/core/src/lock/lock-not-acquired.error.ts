import { BulwarkError, hasBulwarkCode, withoutStack } from '../errors/bulwark.error.js';
import { messages } from '../errors/bulwark.messages.js';

/**
 * Why a lock was not acquired: another holder has it (`held`), too few lock nodes answered
 * (`unavailable`), or acquiring took longer than the lease could stay valid (`too-slow`).
 */
export type LockNotAcquiredReason = 'held' | 'unavailable' | 'too-slow';

/**
 * Thrown by `Lock.acquire` when the lock could not be taken within `waitTimeout`. An expected
 * outcome rather than a fault, so it is created without a stack trace.
 */
export class LockNotAcquiredError extends BulwarkError {
  readonly code = 'BULWARK_LOCK_NOT_ACQUIRED' as const;

  /**
   * @param lockName the lock's name
   * @param reason why the last attempt failed
   * @param waitedMs how long the caller waited in total
   * @param attempts how many attempts were made
   */
  constructor(
    readonly lockName: string,
    readonly reason: LockNotAcquiredReason,
    readonly waitedMs: number,
    readonly attempts: number,
  ) {
    super(messages.lockNotAcquired(lockName, reason, waitedMs, attempts));
  }

  /** Creates the error without capturing a stack trace. */
  static fastFail(lockName: string, reason: LockNotAcquiredReason, waitedMs: number, attempts: number): LockNotAcquiredError {
    return withoutStack(() => new LockNotAcquiredError(lockName, reason, waitedMs, attempts));
  }
}

/**
 * @param error any thrown value
 * @returns true when a lock could not be acquired in time
 */
export function isLockNotAcquiredError(error: unknown): error is LockNotAcquiredError {
  return hasBulwarkCode(error, 'BULWARK_LOCK_NOT_ACQUIRED');
}
