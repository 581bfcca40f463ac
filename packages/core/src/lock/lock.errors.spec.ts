import { describe, expect, it } from 'vitest';
import { isBulwarkError } from '../errors/bulwark.error.js';
import { isLockLostError, LockLostError } from './lock-lost.error.js';
import { isLockNotAcquiredError, LockNotAcquiredError } from './lock-not-acquired.error.js';
import { isLockReleaseFailedError, LockReleaseFailedError } from './lock-release-failed.error.js';

describe('lock errors', () => {
  it('carry codes, context and messages that name the fix', () => {
    expect(new LockNotAcquiredError('sync', 'unavailable', 1_234.4, 7)).toMatchObject({
      code: 'BULWARK_LOCK_NOT_ACQUIRED',
      name: 'LockNotAcquiredError',
      message:
        'Lock "sync" was not acquired after 7 attempts in 1234 ms: too few lock nodes answered to form a majority. ' +
        'Check that a majority of the Redis nodes are reachable, or raise commandTimeout.',
    });
    expect(new LockNotAcquiredError('sync', 'too-slow', 0, 1).message).toContain('Raise ttl, or lower commandTimeout');
    expect(new LockLostError('sync', 9, 'not-owner')).toMatchObject({
      code: 'BULWARK_LOCK_LOST',
      token: 9,
      message: expect.stringContaining('a majority of the lock nodes no longer hold it'),
    });
    expect(new LockLostError('sync', 9, 'renew-deadline').message).toContain('stepped down before its lease could end');
    const cause = new Error('ECONNREFUSED');
    expect(new LockReleaseFailedError('sync', 3, 'only 1 of 3 nodes confirmed', 30_000, { cause })).toMatchObject({
      code: 'BULWARK_LOCK_RELEASE_FAILED',
      cause,
      message:
        'Lock "sync" (fencing token 3) could not be released: only 1 of 3 nodes confirmed. It expires on its own within its ttl (30000 ms); ' +
        'until then other holders wait. Check that the Redis nodes are reachable.',
    });
  });

  it('are told apart by their guards', () => {
    const errors = [new LockNotAcquiredError('a', 'held', 0, 1), new LockLostError('a', 1, 'expired'), new LockReleaseFailedError('a', 1, 'x', 1)];
    expect(errors.map((e) => [isLockNotAcquiredError(e), isLockLostError(e), isLockReleaseFailedError(e), isBulwarkError(e)])).toEqual([
      [true, false, false, true],
      [false, true, false, true],
      [false, false, true, true],
    ]);
  });

  it('skip the stack trace for an expected refusal', () => {
    const error = LockNotAcquiredError.fastFail('a', 'held', 0, 1);
    expect(error.stack?.split('\n').filter((line) => line.trim().startsWith('at '))).toEqual([]);
  });
});
