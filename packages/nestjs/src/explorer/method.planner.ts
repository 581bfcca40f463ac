import { Injectable } from '@nestjs/common';
import { messages } from '../bulwark.messages.js';
import type { DecoratedMethod, PolicyMetadata } from '../metadata/policy.metadata.js';
import type { MethodPlan } from '../invocation/method-plan.js';
import { returnKindOf } from '../invocation/return-kind.js';
import { CacheLayerPlanner } from '../cache/cache-layer.planner.js';
import { SingletonLayerPlanner } from '../singleton/singleton-layer.planner.js';
import { PolicyFactory, type DecorationSite } from '../registry/policy.factory.js';

type Decorations = { [K in PolicyMetadata['kind']]?: Extract<PolicyMetadata, { kind: K }> };

/**
 * Turns what decorators recorded on a method into a plan: the policies built from DI and
 * config, the fallback resolved, and how the method returns. Everything that can be wrong is
 * found here, at bootstrap, never at call time.
 */
@Injectable()
export class MethodPlanner {
  constructor(
    private readonly factory: PolicyFactory,
    private readonly cacheLayers: CacheLayerPlanner,
    private readonly singletonLayers: SingletonLayerPlanner,
  ) {}

  /**
   * @param prototype the class prototype holding the method
   * @param methodName the decorated method
   * @param record what the decorators recorded
   * @returns the plan for this application
   * @throws Error naming `Class.method`, the decorator, the option and the fix
   */
  plan(prototype: object, methodName: string | symbol, record: DecoratedMethod): MethodPlan {
    const label = `${prototype.constructor.name}.${String(methodName)}`;
    const decorations = byKind(label, record.policies);
    const returns = returnKindOf(prototype, methodName, record.original);
    const { circuitBreaker, retry, timeout } = decorations;
    if (timeout && returns === 'sync') throw new Error(messages.timeoutOnSyncMethod(label));
    return {
      label,
      original: record.original,
      returns,
      retry: retry && this.factory.retry(retry.name, retry.options, site(label, '@Retry', retry.name)),
      breaker: circuitBreaker && this.factory.breaker(circuitBreaker.name, circuitBreaker.options, site(label, '@CircuitBreaker', circuitBreaker.name)),
      timeout: timeout && this.factory.timeout(timeout.duration, timeout.name, site(label, '@Timeout', timeout.name ?? timeout.duration)),
      fallback: circuitBreaker?.options.fallback === undefined ? undefined : resolveFallback(prototype, label, circuitBreaker.options.fallback),
      layers: [...this.singletonLayers.plan(decorations, label, returns), ...this.cacheLayers.plan(decorations, label, returns)],
    };
  }
}

function byKind(label: string, policies: readonly PolicyMetadata[]): Decorations {
  const decorations: Record<string, PolicyMetadata> = {};
  for (const policy of policies) {
    if (decorations[policy.kind]) throw new Error(messages.decoratedTwice(label, policy.kind));
    decorations[policy.kind] = policy;
  }
  return decorations as Decorations;
}

function site(method: string, decorator: string, argument: unknown): DecorationSite {
  return { method, decorator: argument === undefined ? `${decorator}()` : `${decorator}(${JSON.stringify(argument)})` };
}

function resolveFallback(prototype: object, label: string, fallback: unknown): MethodPlan['fallback'] {
  if (typeof fallback === 'function') {
    const fn = fallback as (...argsThenError: unknown[]) => unknown;
    return (instance, args, error) => fn.call(instance, ...args, error);
  }
  if (typeof fallback !== 'string') throw new Error(messages.invalidFallback(label, fallback));
  if (typeof (prototype as Record<string, unknown>)[fallback] !== 'function') {
    throw new Error(messages.missingFallbackMethod(label, fallback, prototype.constructor.name));
  }
  return (instance, args, error) => (instance as Record<string, (...argsThenError: unknown[]) => unknown>)[fallback](...args, error);
}
