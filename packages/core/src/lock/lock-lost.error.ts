import { BulwarkError, hasBulwarkCode } from '../errors/bulwark.error.js';
import { messages } from '../errors/bulwark.messages.js';

/**
 * Why a holder lost its lock or leadership:
 * - `expired`: the lease could not be extended in time, so it can no longer be proven valid;
 * - `not-owner`: a majority of lock nodes say the lock is gone or someone else's;
 * - `renew-deadline`: a leader could not renew within its renew deadline and stepped down;
 * - `resigned`: a leader's elector was stopped.
 */
export type LockLostReason = 'expired' | 'not-owner' | 'renew-deadline' | 'resigned';

/**
 * The reason a holder's `signal` aborts with, and what `extend()` rejects with, once a lock or
 * leadership is lost. Work guarded by the lock should stop when it sees this.
 */
export class LockLostError extends BulwarkError {
  readonly code = 'BULWARK_LOCK_LOST' as const;

  /**
   * @param lockName the lock's name
   * @param token the fencing token the holder had
   * @param reason why it was lost
   */
  constructor(
    readonly lockName: string,
    readonly token: number,
    readonly reason: LockLostReason,
  ) {
    super(messages.lockLost(lockName, token, reason));
  }
}

/**
 * @param error any thrown value, or an `AbortSignal.reason`
 * @returns true when a lock or leadership was lost
 */
export function isLockLostError(error: unknown): error is LockLostError {
  return hasBulwarkCode(error, 'BULWARK_LOCK_LOST');
}
