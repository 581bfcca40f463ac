import { Logger } from '@nestjs/common';
import { messages } from '../bulwark.messages.js';

/** Runs a decorated method under the policies wired for one application. */
export type MethodInvoker = (instance: object, args: unknown[]) => unknown;

type Method = (...args: unknown[]) => unknown;

let warnedUnprotected = false;

/**
 * Builds the thin prototype-level function that replaces a decorated method. It calls the invoker
 * the explorer installed on the instance under `wiringKey`, or the original method when there is
 * none (BulwarkModule not imported), warning once. It keeps the original's `name`, `length` and
 * every metadata entry other decorators put on it, so `@Get`, guards, `@Cron` and Swagger still work.
 *
 * @param original the method as written
 * @param wiringKey the instance property that holds this method's invoker
 * @param label `Class.method`, for the warning
 * @returns the forwarder
 */
export function createForwarder(original: Method, wiringKey: symbol, label: string): Method {
  const forwarder = function (this: Record<symbol, MethodInvoker | undefined> | undefined, ...args: unknown[]): unknown {
    const invoke = this == null ? undefined : this[wiringKey];
    if (invoke !== undefined) return invoke(this!, args);
    warnUnprotectedOnce(label);
    return original.apply(this, args);
  };
  Object.defineProperty(forwarder, 'name', { value: original.name, configurable: true });
  Object.defineProperty(forwarder, 'length', { value: original.length, configurable: true });
  for (const key of Reflect.getOwnMetadataKeys(original)) {
    Reflect.defineMetadata(key, Reflect.getOwnMetadata(key, original), forwarder);
  }
  return forwarder;
}

function warnUnprotectedOnce(label: string): void {
  if (warnedUnprotected) return;
  warnedUnprotected = true;
  new Logger('Bulwark').warn(messages.unprotected(label));
}
