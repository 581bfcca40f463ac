import { BULWARK_METHOD } from '../bulwark.constants.js';
import { messages } from '../bulwark.messages.js';
import { createForwarder } from './method-forwarder.js';
import type { DecoratedMethod, PolicyMetadata } from './policy.metadata.js';

/**
 * Records one Bulwark decoration on a method and, the first time, swaps the method for a
 * forwarder. Decorators call this and do nothing else: behaviour is wired from DI at init.
 *
 * @param decorator the decorator's name, for errors
 * @param prototype the class prototype the method lives on
 * @param methodName the decorated method
 * @param descriptor the method's property descriptor, updated in place
 * @param entry what the decorator asks for
 * @throws TypeError when applied to something other than an instance method
 */
export function recordPolicy(
  decorator: string,
  prototype: object,
  methodName: string | symbol,
  descriptor: PropertyDescriptor,
  entry: PolicyMetadata,
): void {
  const label = `${labelOf(prototype)}.${String(methodName)}`;
  if (typeof prototype === 'function' || typeof descriptor.value !== 'function') {
    throw new TypeError(messages.notAnInstanceMethod(decorator, label));
  }
  const existing: DecoratedMethod | undefined = Reflect.getOwnMetadata(BULWARK_METHOD, prototype, methodName);
  if (existing) {
    Reflect.defineMetadata(BULWARK_METHOD, { ...existing, policies: [...existing.policies, entry] }, prototype, methodName);
    return;
  }
  const original = descriptor.value as DecoratedMethod['original'];
  const wiringKey = Symbol(`bulwark:${label}`);
  descriptor.value = createForwarder(original, wiringKey, label);
  const record: DecoratedMethod = { original, wiringKey, policies: [entry] };
  Reflect.defineMetadata(BULWARK_METHOD, record, prototype, methodName);
}

/**
 * Reads what Bulwark recorded about a method, looking up the prototype chain so inherited
 * decorated methods are found.
 *
 * @returns the record, or `undefined` for a method without Bulwark decorators
 */
export function readDecoratedMethod(prototype: object, methodName: string | symbol): DecoratedMethod | undefined {
  return Reflect.getMetadata(BULWARK_METHOD, prototype, methodName);
}

function labelOf(target: object): string {
  return typeof target === 'function' ? target.name : target.constructor.name;
}
