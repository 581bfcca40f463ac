/**
 * An HTTP response whose status is not 200, thrown by the storm clients' attempt so that every
 * strategy sees a failure the same way.
 *
 * @example
 * throw new HttpStatusError(503);
 */
export class HttpStatusError extends Error {
  /** @param status the response's status code */
  constructor(readonly status: number) {
    super(`dependency answered ${status}`);
    this.name = 'HttpStatusError';
  }
}
