import { toMilliseconds, type Duration } from '@bulwark/core';
import type { PolicyMetadata } from '../metadata/policy.metadata.js';
import { recordPolicy } from '../metadata/policy-metadata.recorder.js';

/**
 * Gives each attempt of a method a time limit: when it runs out, the attempt's signal aborts and
 * the call rejects with `TimeoutError` (which the retry and the breaker then see).
 *
 * @param durationOrName a duration (`5000`, `'5s'`), or the name of a timeout in the `timeouts` config
 * @returns a method decorator
 * @example
 * @Timeout('2s')
 * async quote(id: string): Promise<Quote> { ... }
 */
export function Timeout(durationOrName?: Duration | string): MethodDecorator {
  const entry: PolicyMetadata =
    typeof durationOrName === 'string' && toMilliseconds(durationOrName) === undefined
      ? { kind: 'timeout', name: durationOrName }
      : { kind: 'timeout', duration: durationOrName as Duration | undefined };
  return (prototype, methodName, descriptor) => recordPolicy('@Timeout', prototype, methodName, descriptor, entry);
}
