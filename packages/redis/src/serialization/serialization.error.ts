/**
 * Thrown by the default serializer for a value it cannot encode (a function, a symbol, a cycle)
 * or a payload it cannot decode. The Redis cache store turns it into a skipped write or a miss,
 * and reports it through its events; callers of the cache never see it.
 *
 * @example
 * try { serializer.encode({ callback() {} }); } catch (error) { if (isSerializationError(error)) console.warn(error.path); }
 */
export class SerializationError extends Error {
  /** A stable, machine-readable identifier of the failure. */
  readonly code = 'BULWARK_SERIALIZATION' as const;

  /**
   * @param message the full explanation, naming the fix
   * @param path where in the value the problem is, e.g. `$.items[3].price`
   */
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(message);
  }

  override get name(): string {
    return 'SerializationError';
  }
}

/**
 * @param error any thrown value
 * @returns true when a value could not be encoded or a payload could not be decoded
 */
export function isSerializationError(error: unknown): error is SerializationError {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'BULWARK_SERIALIZATION';
}
