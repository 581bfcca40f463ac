import { InvalidOptionError, isInvalidOptionError } from '@bulwark/core';

/**
 * Runs a check and, when it throws an `InvalidOptionError`, rethrows it with `where` in front, so
 * the message says which config entry or which `Class.method` decorator holds the bad value.
 *
 * @param where e.g. `BulwarkModule option circuitBreakers.inventory` or `OrderService.create @Retry()`
 * @param fix the sentence telling where to change it
 * @param check the code that validates
 * @returns what `check` returned
 * @throws InvalidOptionError with the location and fix added
 */
export function locateOptionError<T>(where: string, fix: string, check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (!isInvalidOptionError(error)) throw error;
    throw new InvalidOptionError(error.option, error.value, `${where}: ${error.message} ${fix}`);
  }
}
