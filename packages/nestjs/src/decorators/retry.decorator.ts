import type { RetryPolicyOptions } from '../options/policy-options.js';
import { recordPolicy } from '../metadata/policy-metadata.recorder.js';

/**
 * Retries a method that fails, with backoff and jitter. A call refused by an open circuit is not
 * retried, and every attempt counts in the method's circuit breaker.
 *
 * @param name a retry policy in the `retries` config (its budget is shared by every method naming it)
 * @param options inline options overriding the named ones
 * @returns a method decorator
 * @example
 * @Retry({ maxAttempts: 3, backoff: 'exponential', jitter: 'full' })
 * async stock(sku: string): Promise<Stock> { ... }
 */
export function Retry(name?: string, options?: RetryPolicyOptions): MethodDecorator;
/**
 * Retries a method that fails, with these options over the `defaults.retry` config.
 *
 * @param options the retry options
 */
export function Retry(options: RetryPolicyOptions): MethodDecorator;
export function Retry(nameOrOptions?: string | RetryPolicyOptions, options: RetryPolicyOptions = {}): MethodDecorator {
  const [name, inline] = typeof nameOrOptions === 'object' ? [undefined, nameOrOptions] : [nameOrOptions, options];
  return (prototype, methodName, descriptor) =>
    recordPolicy('@Retry', prototype, methodName, descriptor, { kind: 'retry', name, options: inline });
}
