import type { SingletonOptions } from '../metadata/singleton.metadata.js';
import { recordPolicy } from '../metadata/policy-metadata.recorder.js';

/**
 * Runs a method on one instance at a time across every process of the service, and fails closed:
 * when exclusivity cannot be confirmed, the method does not run. The outermost layer:
 * `Singleton → Cacheable → fallback ← Retry → CircuitBreaker → Timeout → method`.
 *
 * - `mode: 'lock'`: each call takes a distributed lock (Redlock over `lock.redis`, or in-process);
 *   while another instance holds it, the call skips, throws, or waits up to `waitTimeout`.
 * - `mode: 'leader'`: the method runs only on the elected leader of an election and is skipped
 *   elsewhere; synchronous methods are allowed in this mode only.
 *
 * Inside the method, `SingletonContext.current()` gives the fencing token and the abort signal.
 * Options are checked at bootstrap.
 *
 * @param options the mode, and the lock's or election's name and behaviour
 * @returns a method decorator
 * @example
 * @Cron('0 3 * * *')
 * @Singleton({ mode: 'lock', lockAtMostFor: '10m', lockAtLeastFor: '30s' })
 * async nightlyReport(): Promise<void> { ... }
 */
export function Singleton(options: SingletonOptions): MethodDecorator {
  return (prototype, methodName, descriptor) =>
    recordPolicy('@Singleton', prototype, methodName, descriptor, { kind: 'singleton', options });
}
