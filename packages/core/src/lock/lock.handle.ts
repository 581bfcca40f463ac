import type { Duration } from '../options/duration.js';

/**
 * A held lease on a named lock, returned by `Lock.acquire`. Pass `token` to the resource you
 * protect so it can reject a stale holder, and stop work when `signal` aborts.
 *
 * @example
 * const handle = await lock.acquire('nightly-report', { ttl: '30s' });
 * try {
 *   await report.write({ fencingToken: handle.token, signal: handle.signal });
 * } finally {
 *   await handle.release();
 * }
 */
export interface LockHandle {
  /** The lock's name. */
  readonly name: string;
  /**
   * The fencing token: strictly greater than the token of every earlier holder of this name, so a
   * resource that remembers the largest token it has seen can refuse a holder that was paused
   * while its lease ran out.
   */
  readonly token: number;
  /**
   * Aborts, with a `LockLostError` as its reason, when the lease is lost or can no longer be proven
   * valid, before it can expire on the lock's store. It does not abort on `release()`.
   */
  readonly signal: AbortSignal;
  /** Whether the lease is still held: neither released nor lost. */
  readonly held: boolean;
  /**
   * @returns how many milliseconds the lease is still known to be valid (0 once released or lost;
   *   `Infinity` for an in-process lease that is extended automatically)
   */
  remainingMs(): number;
  /**
   * Extends the lease to `ttl` from now.
   *
   * @param ttl the new lease length @default the ttl it was acquired with
   * @returns true when the extension is confirmed; false when it could not be confirmed (the lease
   *   stays valid until its previous end) or the handle was released
   * @throws LockLostError when the lease is already lost, or the extension found it gone
   */
  extend(ttl?: Duration): Promise<boolean>;
  /**
   * Releases the lease (keeping it until `minHold` after acquisition, when that was asked for).
   * Releasing twice, or after the lease was lost or expired, succeeds.
   *
   * @throws LockReleaseFailedError when too few lock nodes confirmed; the lease then ends on its
   *   own within its ttl
   */
  release(): Promise<void>;
}
