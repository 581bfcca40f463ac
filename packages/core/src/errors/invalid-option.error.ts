import { BulwarkError, hasBulwarkCode } from './bulwark.error.js';

/**
 * Thrown when a policy is built with an option that is unknown or out of range. The message names
 * the option, the value given and what is allowed.
 */
export class InvalidOptionError extends BulwarkError {
  readonly code = 'BULWARK_INVALID_OPTION' as const;

  /**
   * @param option the option's path, e.g. `circuitBreaker.failureRateThreshold`
   * @param value the value that was given
   * @param message the full explanation, naming the fix
   */
  constructor(
    readonly option: string,
    readonly value: unknown,
    message: string,
  ) {
    super(message);
  }
}

/**
 * @param error any thrown value
 * @returns true when a policy option was rejected
 */
export function isInvalidOptionError(error: unknown): error is InvalidOptionError {
  return hasBulwarkCode(error, 'BULWARK_INVALID_OPTION');
}
