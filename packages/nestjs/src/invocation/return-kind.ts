import { isObservable } from 'rxjs';
import type { ReturnKind } from './method-plan.js';

/**
 * Tells how a method delivers its result, from its declared return type (`design:returntype`,
 * emitted by TypeScript with `emitDecoratorMetadata`) and whether it is an `async` function.
 *
 * @param prototype the class prototype
 * @param methodName the method
 * @param original the method as written
 * @returns `unknown` when nothing was declared: the method is then learned from its first call
 */
export function returnKindOf(prototype: object, methodName: string | symbol, original: (...args: never[]) => unknown): ReturnKind {
  if (original.constructor.name === 'AsyncFunction') return 'promise';
  const declared: unknown = Reflect.getMetadata('design:returntype', prototype, methodName);
  if (declared === Promise) return 'promise';
  if (typeof declared !== 'function' || declared === Object) return 'unknown';
  // A declared type is a constructor: emitDecoratorMetadata writes the class the annotation names.
  if (isObservableClass(declared as abstract new () => unknown)) return 'observable';
  return 'sync';
}

function isObservableClass(type: abstract new (...args: never[]) => unknown): boolean {
  const prototype: unknown = type.prototype;
  return prototype !== undefined && isObservable(prototype);
}
