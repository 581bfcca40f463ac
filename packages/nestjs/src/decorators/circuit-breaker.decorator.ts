import type { CircuitBreakerDecoratorOptions } from '../metadata/policy.metadata.js';
import { recordPolicy } from '../metadata/policy-metadata.recorder.js';

/**
 * Protects a method with a circuit breaker: after failures it stops calling the dependency and
 * fails fast with `BrokenCircuitError` (or serves the fallback) until a probe succeeds.
 *
 * Name a breaker from `BulwarkModule` config to share it between methods, give options inline,
 * or both (inline options override the named ones). Without a name the method gets its own
 * breaker, named `Class.method`.
 *
 * @param name a breaker in the `circuitBreakers` config
 * @param options inline options, plus `fallback` and `key`
 * @returns a method decorator
 * @example
 * @CircuitBreaker('inventory', { fallback: 'lastKnownStock' })
 * async stock(sku: string): Promise<Stock> { ... }
 */
export function CircuitBreaker(name?: string, options?: CircuitBreakerDecoratorOptions): MethodDecorator;
/**
 * Protects a method with its own circuit breaker, named `Class.method`.
 *
 * @param options the breaker's options, plus `fallback` and `key`
 * @example
 * @CircuitBreaker({ consecutiveFailures: 5, openDuration: '10s' })
 */
export function CircuitBreaker(options: CircuitBreakerDecoratorOptions): MethodDecorator;
export function CircuitBreaker(
  nameOrOptions?: string | CircuitBreakerDecoratorOptions,
  options: CircuitBreakerDecoratorOptions = {},
): MethodDecorator {
  const [name, inline] = typeof nameOrOptions === 'object' ? [undefined, nameOrOptions] : [nameOrOptions, options];
  return (prototype, methodName, descriptor) =>
    recordPolicy('@CircuitBreaker', prototype, methodName, descriptor, { kind: 'circuitBreaker', name, options: inline });
}
