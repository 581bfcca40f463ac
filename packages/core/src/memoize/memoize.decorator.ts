import { messages } from '../errors/bulwark.messages.js';
import { MEMO, MemoController } from './memo.controller.js';
import { resolveMemoizeOptions } from './memoize.config.js';
import type { MemoizeOptions } from './memoize.options.js';

type AnyFunction = (...args: unknown[]) => unknown;

/**
 * Remembers a method's results by its arguments, for pure or idempotent methods: a repeated call
 * returns the kept result without running the method. One memo per instance unless `shared`;
 * bounded by `max` (least recently used first out) and `ttl`. A returned promise is kept and
 * shared by concurrent callers; if it rejects it is forgotten, so errors are never memoized (a
 * method that throws keeps nothing either). On a getter, the value is kept per instance and a
 * setter of the same property clears it; on a static method, the memo belongs to the class.
 * Clear a memo with `clearMemo(instance, 'method')`.
 *
 * @param options see {@link MemoizeOptions}; checked when the class is defined
 * @returns a method decorator (TypeScript `experimentalDecorators`)
 * @throws InvalidOptionError naming the option, the value and what is allowed
 * @throws TypeError when applied to a field or a setter-only accessor
 * @example
 * class Flights {
 *   \@Memoize({ max: 10_000 })
 *   fuelBurn(aircraft: string, distance: number): number { return distance * 2.5; }
 * }
 */
export function Memoize(options?: MemoizeOptions): MethodDecorator {
  const settings = resolveMemoizeOptions(options);
  return (target, propertyKey, descriptor: PropertyDescriptor) => {
    const controller = new MemoController(settings);
    if (typeof descriptor?.value === 'function') {
      descriptor.value = forwarder(descriptor.value as AnyFunction, controller);
    } else if (typeof descriptor?.get === 'function') {
      descriptor.get = forwarder(descriptor.get as AnyFunction, controller);
      if (descriptor.set !== undefined) descriptor.set = clearingSetter(descriptor.set, controller);
    } else {
      throw new TypeError(messages.memoizeTarget(memberName(target, propertyKey)));
    }
    return descriptor;
  };
}

function forwarder(original: AnyFunction, controller: MemoController): AnyFunction {
  const memoized = function (this: unknown, ...args: unknown[]): unknown {
    return controller.call(this, original, args);
  };
  Object.defineProperty(memoized, 'name', { value: original.name });
  Object.defineProperty(memoized, MEMO, { value: controller });
  copyMetadata(original, memoized);
  return memoized;
}

interface MetadataReflect {
  getOwnMetadataKeys(target: object): unknown[];
  getOwnMetadata(key: unknown, target: object): unknown;
  defineMetadata(key: unknown, value: unknown, target: object): void;
}

/**
 * Decorators written below `@Memoize()` (Nest's `@Get`, `@Cron`...) attached metadata to the
 * original function; carry it over when a metadata polyfill is loaded, without importing one.
 */
function copyMetadata(from: AnyFunction, to: AnyFunction): void {
  const reflect = Reflect as unknown as Partial<MetadataReflect>;
  if (typeof reflect.getOwnMetadataKeys !== 'function' || typeof reflect.getOwnMetadata !== 'function' || typeof reflect.defineMetadata !== 'function') return;
  for (const key of reflect.getOwnMetadataKeys(from)) reflect.defineMetadata(key, reflect.getOwnMetadata(key, from), to);
}

function clearingSetter(original: (value: unknown) => void, controller: MemoController): (value: unknown) => void {
  const set = function (this: unknown, value: unknown): void {
    controller.clear(this);
    original.call(this, value);
  };
  Object.defineProperty(set, 'name', { value: original.name });
  return set;
}

/** `Class.prototype.member` or `Class.member`, for messages. */
function memberName(target: object, propertyKey: string | symbol): string {
  const isClass = typeof target === 'function';
  const className = isClass ? target.name : (target.constructor as { name?: string } | undefined)?.name ?? 'anonymous';
  return `${className}${isClass ? '' : '.prototype'}.${String(propertyKey)}`;
}
