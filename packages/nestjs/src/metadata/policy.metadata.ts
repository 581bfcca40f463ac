import type { Duration } from '@bulwark/core';
import type { BreakerPolicyOptions, RetryPolicyOptions } from '../options/policy-options.js';
import type { CacheEvictOptions, CachePutOptions, CacheableOptions } from './cache.metadata.js';
import type { SingletonOptions } from './singleton.metadata.js';

/** Called with the method's arguments and the error when the protected call fails. */
export type FallbackFunction = (...argsThenError: never[]) => unknown;

/** What `@CircuitBreaker` accepts besides the breaker's own options. */
export interface CircuitBreakerDecoratorOptions extends BreakerPolicyOptions {
  /**
   * Serves an answer when the call fails after every retry, or is refused by an open circuit: the
   * name of a method on the same class, or a function. Either is called with the method's
   * arguments followed by the error. @default none: the error propagates
   */
  fallback?: string | FallbackFunction;
  /**
   * Gives each key (host, tenant...) its own breaker, computed from the method's arguments.
   * Breakers live in a bounded registry that evicts the least recently used. @default one breaker
   */
  key?: (...args: never[]) => string;
  /** How many per-key breakers are kept at most. @default 1000 */
  maxKeys?: number;
}

/** One decoration of a method, as recorded by a Bulwark decorator. */
export type PolicyMetadata =
  | { readonly kind: 'circuitBreaker'; readonly name?: string; readonly options: CircuitBreakerDecoratorOptions }
  | { readonly kind: 'retry'; readonly name?: string; readonly options: RetryPolicyOptions }
  | { readonly kind: 'timeout'; readonly name?: string; readonly duration?: Duration }
  | { readonly kind: 'cacheable'; readonly options: CacheableOptions }
  | { readonly kind: 'cachePut'; readonly options: CachePutOptions }
  | { readonly kind: 'cacheEvict'; readonly options: CacheEvictOptions }
  | { readonly kind: 'singleton'; readonly options: SingletonOptions };

/** What Bulwark records about a decorated method. */
export interface DecoratedMethod {
  /** The method as written, before any Bulwark forwarding. */
  readonly original: (...args: unknown[]) => unknown;
  /** The own-property key under which an instance holds the method's wired invoker. */
  readonly wiringKey: symbol;
  /** The decorations, in the order they were applied (innermost first). */
  readonly policies: readonly PolicyMetadata[];
}
