import type { MethodInvoker } from '../metadata/method-forwarder.js';

/** The invokers of one class's decorated methods, by the wiring key each forwarder reads. */
export type ClassWiring = ReadonlyMap<symbol, MethodInvoker>;

/**
 * Installs invokers on an instance as hidden own properties, where the prototype's forwarders
 * look for them. Installing twice is harmless.
 *
 * @param instance an instance Nest created
 * @param wiring the invokers for its class
 * @returns false when the instance cannot take properties (frozen or sealed)
 */
export function wireInstance(instance: object, wiring: ClassWiring): boolean {
  for (const [key, invoker] of wiring) {
    if (Object.hasOwn(instance, key)) continue;
    if (!Object.isExtensible(instance)) return false;
    Object.defineProperty(instance, key, { value: invoker, configurable: true, writable: true, enumerable: false });
  }
  return true;
}
