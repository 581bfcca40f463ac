import { messages } from '../errors/bulwark.messages.js';
import { MEMO, type MemoController } from './memo.controller.js';

/**
 * Clears memoized results: of one `@Memoize()` method or getter, or of all of them, for one
 * instance (or, for a static member, the class). A `shared` memo is cleared for every instance.
 *
 * @param instance the object (or class, for static members) whose memo to clear
 * @param member the memoized method or getter; every memoized member when omitted
 * @throws TypeError when `member` is given but is not memoized
 * @example
 * clearMemo(flights, 'fuelBurn'); // one method
 * clearMemo(flights); // every memoized method and getter of flights
 */
export function clearMemo<T extends object>(instance: T, member?: (keyof T & (string | symbol)) | (string & {}) | symbol): void {
  if (member === undefined) {
    for (const controller of controllersOf(instance)) controller.clear(instance);
    return;
  }
  const controller = controllerOf(instance, member);
  if (controller === undefined) throw new TypeError(messages.notMemoized(ownerName(instance), String(member)));
  controller.clear(instance);
}

/** The controller of the nearest definition of `member` along the prototype chain. */
function controllerOf(instance: object, member: string | symbol): MemoController | undefined {
  for (let owner: object | null = instance; owner !== null; owner = Object.getPrototypeOf(owner) as object | null) {
    const descriptor = Object.getOwnPropertyDescriptor(owner, member);
    // Read the descriptor, never the property: reading a getter would run it.
    if (descriptor !== undefined) return controllerIn(descriptor);
  }
  return undefined;
}

function controllersOf(instance: object): MemoController[] {
  const seen = new Set<string | symbol>();
  const found: MemoController[] = [];
  for (let owner: object | null = instance; owner !== null; owner = Object.getPrototypeOf(owner) as object | null) {
    for (const member of Reflect.ownKeys(owner)) {
      if (seen.has(member)) continue;
      seen.add(member);
      const controller = controllerIn(Object.getOwnPropertyDescriptor(owner, member));
      if (controller !== undefined) found.push(controller);
    }
  }
  return found;
}

function controllerIn(descriptor: PropertyDescriptor | undefined): MemoController | undefined {
  const fn: unknown = descriptor?.value ?? descriptor?.get;
  return typeof fn === 'function' ? (fn as { [MEMO]?: MemoController })[MEMO] : undefined;
}

function ownerName(instance: object): string {
  if (typeof instance === 'function') return `class ${instance.name}`;
  return `an instance of ${(instance.constructor as { name?: string } | undefined)?.name ?? 'anonymous'}`;
}
