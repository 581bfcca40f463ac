import { Buffer } from 'node:buffer';
import { messages } from '../errors/bulwark.messages.js';

/**
 * Raised inside the recursion; gathers the path on its way out, so success costs no path
 * bookkeeping, and gets its message once the path is complete.
 */
class KeyPathError extends TypeError {
  readonly segments: string[] = [];
  constructor(readonly describe: (path: string) => string) {
    super('');
  }

  override get name(): string {
    return 'TypeError';
  }
}

/**
 * Serializes a value to a string that is equal for equal values and different for different
 * ones: object keys are sorted (so key order does not matter), every value carries its type
 * (`1` and `'1'` differ, as do `Date`, `Map`, `Set` and `BigInt` values), and strings are length
 * prefixed (so `['a:b', 'c']` and `['a', 'b:c']` differ). Instances of classes are keyed by their
 * `toJSON()` when they have one, otherwise by their class name and own enumerable properties.
 *
 * @param value what to serialize; usually a method's argument list
 * @param name how error messages name `value` @default 'value'
 * @returns the serialization; unbounded in length (`cacheKey` digests it)
 * @throws TypeError naming the path, when the value refers back to itself, or contains a
 *   function, a symbol not from `Symbol.for`, or an object with no enumerable state (a Promise,
 *   an AbortSignal, a WeakMap...)
 * @example
 * stableSerialize([{ b: 1, a: 2 }]) === stableSerialize([{ a: 2, b: 1 }]); // true
 * stableSerialize([1]) === stableSerialize(['1']); // false
 */
export function stableSerialize(value: unknown, name = 'value'): string {
  try {
    return serialize(value, []);
  } catch (error) {
    if (error instanceof KeyPathError) error.message = error.describe(`${name}${error.segments.reverse().join('')}`);
    throw error;
  }
}

function serialize(value: unknown, ancestors: object[]): string {
  switch (typeof value) {
    case 'string':
      return text(value);
    case 'number':
      return Object.is(value, -0) ? 'd-0;' : `d${value};`;
    case 'boolean':
      return value ? 'T' : 'F';
    case 'undefined':
      return 'u';
    case 'bigint':
      return `b${value};`;
    case 'symbol':
      return symbol(value);
    case 'function':
      throw new KeyPathError((path) => messages.cacheKeyUnsupported(path, 'a function'));
    default:
      return value === null ? 'n' : object(value as object, ancestors);
  }
}

function text(value: string): string {
  return `s${value.length}:${value}`;
}

function symbol(value: symbol): string {
  const key = Symbol.keyFor(value);
  if (key === undefined) throw new KeyPathError((path) => messages.cacheKeyUnsupported(path, `${String(value)} (only Symbol.for() symbols are keyable)`));
  return `y${text(key)}`;
}

function object(value: object, ancestors: object[]): string {
  if (ancestors.includes(value)) throw new KeyPathError((path) => messages.cacheKeyCycle(path));
  ancestors.push(value);
  try {
    return container(value, ancestors);
  } finally {
    ancestors.pop();
  }
}

function container(value: object, ancestors: object[]): string {
  if (Array.isArray(value)) return array(value, ancestors);
  if (value instanceof Date) return `D${value.getTime()};`;
  if (value instanceof Map) return `M${value.size}{${sorted(value, (entry) => serialize(entry[0], ancestors) + serialize(entry[1], ancestors), '.entries')}}`;
  if (value instanceof Set) return `S${value.size}{${sorted(value, (item) => serialize(item, ancestors), '.values')}}`;
  if (value instanceof RegExp) return `R${text(value.source)}${text(value.flags)}`;
  if (ArrayBuffer.isView(value)) return `V${text(value.constructor.name)}${text(Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64'))}`;
  if (value instanceof ArrayBuffer) return `A${text(Buffer.from(value).toString('base64'))}`;
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype === Object.prototype || prototype === null) return record(value, ancestors);
  return instance(value, ancestors);
}

function array(value: readonly unknown[], ancestors: object[]): string {
  let out = `a${value.length}[`;
  for (let i = 0; i < value.length; i++) {
    try {
      out += serialize(value[i], ancestors);
    } catch (error) {
      throw withSegment(error, `[${i}]`);
    }
  }
  return `${out}]`;
}

function record(value: object, ancestors: object[]): string {
  const keys = Object.keys(value).sort();
  let out = `o${keys.length}{`;
  for (const key of keys) {
    try {
      out += text(key) + serialize((value as Record<string, unknown>)[key], ancestors);
    } catch (error) {
      throw withSegment(error, `.${key}`);
    }
  }
  return `${out}}`;
}

function instance(value: object, ancestors: object[]): string {
  const name = (value.constructor as { name?: unknown } | undefined)?.name;
  const className = typeof name === 'string' && name.length > 0 ? name : 'anonymous';
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') {
    try {
      return `j${text(className)}${serialize(toJSON.call(value), ancestors)}`;
    } catch (error) {
      throw withSegment(error, '.toJSON()');
    }
  }
  // An object whose state is all private (#fields, internal slots) would key equal to every
  // other instance of its class: refuse rather than risk serving one caller another's value.
  if (Object.keys(value).length === 0) {
    throw new KeyPathError((path) => messages.cacheKeyUnsupported(path, `an instance of ${className} with no enumerable properties`));
  }
  return `c${text(className)}${record(value, ancestors)}`;
}

function sorted<T>(items: Iterable<T>, part: (item: T) => string, segment: string): string {
  try {
    return Array.from(items, part).sort().join('');
  } catch (error) {
    throw withSegment(error, segment);
  }
}

/** Adds a child's path segment to a key error on its way out; other errors pass unchanged. */
function withSegment(error: unknown, segment: string): unknown {
  if (error instanceof KeyPathError) error.segments.push(segment);
  return error;
}
