import type { InstanceWrapper } from '@nestjs/core/injector/instance-wrapper.js';
import { wireInstance, type ClassWiring } from './instance-wiring.js';

type InstanceHost = { instance?: unknown };
type Lookup = (...args: unknown[]) => InstanceHost | undefined;

/**
 * Wires request- and transient-scoped instances, which Nest creates after bootstrap (per request,
 * per consumer). Nest offers no public hook for that, so this wraps the wrapper's own
 * `getInstanceByContextId`, which Nest calls to hand each instance out, and wires what it
 * returns; transient instances made at bootstrap are wired at once.
 *
 * @param wrapper the provider's or controller's wrapper
 * @param wiring the invokers of its class
 * @returns why the instances cannot be wired, or `undefined` when they are
 */
export function wireScopedInstances(wrapper: InstanceWrapper, wiring: ClassWiring): string | undefined {
  const target = wrapper as unknown as { getInstanceByContextId?: Lookup; getStaticTransientInstances?: () => InstanceHost[] };
  const lookup = target.getInstanceByContextId;
  if (typeof lookup !== 'function') return 'this Nest version does not expose scoped instances to wire';
  for (const host of target.getStaticTransientInstances?.() ?? []) wireHost(host, wiring);
  target.getInstanceByContextId = function (this: unknown, ...args: unknown[]) {
    const host = lookup.apply(this, args);
    if (host) wireHost(host, wiring);
    return host;
  };
  return undefined;
}

function wireHost(host: InstanceHost, wiring: ClassWiring): void {
  if (typeof host.instance === 'object' && host.instance !== null) wireInstance(host.instance, wiring);
}
