import { redisMessages } from '../redis.messages.js';
import { SerializationError } from './serialization.error.js';
import { CONSTRUCTOR_KEY, PROTO_KEY, PROTOTYPE_KEY, TAG, TagName } from './tagged-json.tags.js';

type Decoder = (data: unknown) => unknown;

/** Raised deep in a payload and given its full path once it reaches the top. */
class DecodeFailure {
  readonly segments: Array<string | number> = [];
  constructor(readonly detail: string) {}
}

const NUMBERS = new Map<unknown, number>([['NaN', NaN], ['Infinity', Infinity], ['-Infinity', -Infinity], ['-0', -0]]);
const INTEGER = /^-?\d+$/;

// A Map, not an object literal: a payload's `$t` of "constructor" or "__proto__" must find nothing.
const DECODERS = new Map<string, Decoder>([
  [TagName.Undefined, () => undefined],
  [TagName.Number, (v) => NUMBERS.get(v) ?? fail(`"${String(v)}" is not NaN, Infinity, -Infinity or -0`)],
  [TagName.BigInt, (v) => (typeof v === 'string' && INTEGER.test(v) ? BigInt(v) : fail('a BigInt needs a string of digits'))],
  [TagName.Date, (v) => (v === null ? new Date(NaN) : typeof v === 'number' ? new Date(v) : fail('a Date needs a number'))],
  [TagName.Map, (v) => new Map(arrayOf(v, 'Map').map(decodeMapEntry))],
  [TagName.Set, (v) => new Set(decodeArray(arrayOf(v, 'Set')))],
  [TagName.Bytes, (v) => (typeof v === 'string' ? Buffer.from(v, 'base64') : fail('bytes need a base64 string'))],
  [TagName.Object, (v) => (isRecord(v) ? decodeFields(v) : fail('an escaped object needs an object'))],
]);

/**
 * Turns a tree parsed by `JSON.parse` back into the value `toTaggedTree` encoded, in place. Never
 * evaluates code and never assigns `__proto__`: such keys are dropped, and so is a `constructor`
 * key whose value has a `prototype` key; any other `constructor` or `prototype` key stays a plain
 * own data property.
 *
 * @param tree the output of `JSON.parse` (plain objects, arrays and primitives only)
 * @returns the decoded value
 * @throws SerializationError when a tag is unknown or its data has the wrong shape
 */
export function fromTaggedTree(tree: unknown): unknown {
  try {
    return decodeNode(tree);
  } catch (error) {
    if (!(error instanceof DecodeFailure)) throw error;
    const path = ['$', ...error.segments.reverse()].join('.');
    throw new SerializationError(redisMessages.malformedPayload(path, error.detail), path);
  }
}

function decodeNode(node: unknown): unknown {
  if (typeof node !== 'object' || node === null) return node;
  if (Array.isArray(node)) return decodeArray(node);
  if (Object.hasOwn(node, TAG)) return decodeTagged(node as Record<string, unknown>);
  return decodeFields(node as Record<string, unknown>);
}

function decodeTagged(node: Record<string, unknown>): unknown {
  const name = node[TAG];
  const decoder = typeof name === 'string' ? DECODERS.get(name) : undefined;
  if (decoder === undefined) return fail(`unknown type tag ${JSON.stringify(name)}`);
  try {
    return decoder(node.v);
  } catch (error) {
    throw atSegment(error, `<${String(name)}>`);
  }
}

function decodeArray(items: unknown[]): unknown[] {
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (typeof item !== 'object' || item === null) continue;
    try {
      items[i] = decodeNode(item);
    } catch (error) {
      throw atSegment(error, i);
    }
  }
  return items;
}

function decodeFields(fields: Record<string, unknown>): Record<string, unknown> {
  for (const key of Object.keys(fields)) {
    const item = fields[key];
    // JSON.parse made these own properties, harmless by themselves, but a naive deep merge in user
    // code would turn them into a prototype change. Our encoder never writes `__proto__`, and a
    // `constructor` holding a `prototype` is the shape of an attack, not of data: drop both.
    if (key === PROTO_KEY || (key === CONSTRUCTOR_KEY && isRecord(item) && Object.hasOwn(item, PROTOTYPE_KEY))) {
      delete fields[key];
      continue;
    }
    if (typeof item !== 'object' || item === null) continue;
    try {
      fields[key] = decodeNode(item);
    } catch (error) {
      throw atSegment(error, key);
    }
  }
  return fields;
}

function decodeMapEntry(entry: unknown, index: number): [unknown, unknown] {
  if (!Array.isArray(entry) || entry.length !== 2) return fail(`map entry ${index} is not a [key, value] pair`);
  return [decodeNode(entry[0]), decodeNode(entry[1])];
}

function arrayOf(data: unknown, kind: string): unknown[] {
  return Array.isArray(data) ? data : fail(`a ${kind} needs an array`);
}

function isRecord(data: unknown): data is Record<string, unknown> {
  return typeof data === 'object' && data !== null && !Array.isArray(data);
}

function fail(detail: string): never {
  throw new DecodeFailure(detail);
}

function atSegment(error: unknown, segment: string | number): unknown {
  if (error instanceof DecodeFailure) error.segments.push(segment);
  return error;
}
