import type { MethodInvoker } from '../metadata/method-forwarder.js';

/**
 * An outer step of a decorated method — the cache, or singleton execution — wrapping everything
 * inside it: `Singleton → Cacheable → fallback ← Retry → CircuitBreaker → Timeout → method`.
 */
export interface MethodLayer {
  /**
   * @param inner the invoker of everything inside this layer
   * @returns the invoker with this layer around it
   */
  wrap(inner: MethodInvoker): MethodInvoker;
}
