import { BulwarkError, hasBulwarkCode, withoutStack } from './bulwark.error.js';
import { messages } from './bulwark.messages.js';

/**
 * Thrown when a circuit breaker refuses a call: it is OPEN, ISOLATED, or HALF_OPEN with every
 * probe slot taken. Created without a stack trace, so refusing is cheap.
 */
export class BrokenCircuitError extends BulwarkError {
  readonly code = 'BULWARK_BROKEN_CIRCUIT' as const;

  /**
   * @param circuitName the breaker's name
   * @param state the state that refused the call
   * @param retryAfterMs how long until the breaker may admit a call again (0 when unknown)
   */
  constructor(
    readonly circuitName: string,
    readonly state: string,
    readonly retryAfterMs: number,
  ) {
    super(messages.brokenCircuit(circuitName, state, retryAfterMs));
  }

  /** Creates the error without capturing a stack trace. */
  static fastFail(circuitName: string, state: string, retryAfterMs: number): BrokenCircuitError {
    return withoutStack(() => new BrokenCircuitError(circuitName, state, retryAfterMs));
  }
}

/**
 * @param error any thrown value
 * @returns true when a circuit breaker refused the call
 */
export function isBrokenCircuitError(error: unknown): error is BrokenCircuitError {
  return hasBulwarkCode(error, 'BULWARK_BROKEN_CIRCUIT');
}
