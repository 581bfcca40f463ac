import { BulwarkError, hasBulwarkCode } from './bulwark.error.js';
import { messages } from './bulwark.messages.js';

/** Thrown by a timeout policy when the operation did not settle in time; its signal was aborted. */
export class TimeoutError extends BulwarkError {
  readonly code = 'BULWARK_TIMEOUT' as const;

  /** @param timeoutMs the limit that was exceeded */
  constructor(readonly timeoutMs: number) {
    super(messages.timeout(timeoutMs));
  }
}

/**
 * @param error any thrown value
 * @returns true when a timeout policy gave up on the operation
 */
export function isTimeoutError(error: unknown): error is TimeoutError {
  return hasBulwarkCode(error, 'BULWARK_TIMEOUT');
}
