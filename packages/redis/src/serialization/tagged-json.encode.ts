import { redisMessages } from '../redis.messages.js';
import { SerializationError } from './serialization.error.js';
import { PROTO_KEY, TAG, TagName } from './tagged-json.tags.js';

/** Raised deep in a value and given its full path once it reaches the top. */
class EncodeFailure {
  readonly segments: Array<string | number> = [];
  constructor(readonly describe: (path: string) => string) {}
}

/**
 * Converts a value to a tree `JSON.stringify` carries without loss (see `tagged-json.tags.ts`).
 *
 * @param value any value made of plain data, Dates, Maps, Sets, BigInts and byte arrays
 * @returns a JSON-safe tree
 * @throws SerializationError for a function, a symbol or a cycle, naming where it is
 */
export function toTaggedTree(value: unknown): unknown {
  try {
    return encodeValue(value, []);
  } catch (error) {
    if (!(error instanceof EncodeFailure)) throw error;
    const path = formatPath(error.segments.reverse());
    throw new SerializationError(error.describe(path), path);
  }
}

function encodeValue(value: unknown, ancestors: object[]): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0) ? value : { [TAG]: TagName.Number, v: Object.is(value, -0) ? '-0' : String(value) };
    case 'undefined':
      return { [TAG]: TagName.Undefined };
    case 'bigint':
      return { [TAG]: TagName.BigInt, v: value.toString() };
    case 'object':
      return value === null ? null : encodeObject(value, ancestors);
    default:
      throw new EncodeFailure((path) => redisMessages.unsupportedValue(`a ${typeof value}`, path));
  }
}

function encodeObject(value: object, ancestors: object[]): unknown {
  if (ancestors.includes(value)) throw new EncodeFailure(redisMessages.circularValue);
  ancestors.push(value);
  try {
    return encodeByKind(value, ancestors);
  } finally {
    ancestors.pop();
  }
}

function encodeByKind(value: object, ancestors: object[]): unknown {
  if (Array.isArray(value)) return encodeArray(value, ancestors);
  if (value instanceof Date) {
    const time = value.getTime();
    return { [TAG]: TagName.Date, v: Number.isNaN(time) ? null : time };
  }
  if (value instanceof Map) return { [TAG]: TagName.Map, v: encodeMapEntries(value, ancestors) };
  if (value instanceof Set) return { [TAG]: TagName.Set, v: encodeArray([...value], ancestors) };
  if (value instanceof Uint8Array) {
    return { [TAG]: TagName.Bytes, v: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') };
  }
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  // Like JSON.stringify: a class that knows its data form (Decimal, Luxon...) is stored as that.
  if (typeof toJSON === 'function') return encodeValue(toJSON.call(value), ancestors);
  return encodeFields(value, ancestors);
}

function encodeArray(items: readonly unknown[], ancestors: object[]): unknown[] {
  const out = new Array<unknown>(items.length);
  for (let i = 0; i < items.length; i++) {
    try {
      out[i] = encodeValue(items[i], ancestors);
    } catch (error) {
      throw atSegment(error, i);
    }
  }
  return out;
}

function encodeMapEntries(map: Map<unknown, unknown>, ancestors: object[]): unknown[] {
  const out: unknown[] = [];
  let i = 0;
  for (const [key, item] of map) {
    try {
      out.push([encodeValue(key, ancestors), encodeValue(item, ancestors)]);
    } catch (error) {
      throw atSegment(error, `<map entry ${i}>`);
    }
    i++;
  }
  return out;
}

/** Own enumerable string keys, as JSON.stringify does; a `$t` key of the user's is escaped. */
function encodeFields(value: object, ancestors: object[]): unknown {
  const out: Record<string, unknown> = {};
  let hasTagKey = false;
  for (const key of Object.keys(value)) {
    if (key === PROTO_KEY) continue;
    if (key === TAG) hasTagKey = true;
    try {
      out[key] = encodeValue((value as Record<string, unknown>)[key], ancestors);
    } catch (error) {
      throw atSegment(error, key);
    }
  }
  return hasTagKey ? { [TAG]: TagName.Object, v: out } : out;
}

function atSegment(error: unknown, segment: string | number): unknown {
  if (error instanceof EncodeFailure) error.segments.push(segment);
  return error;
}

function formatPath(segments: ReadonlyArray<string | number>): string {
  let path = '$';
  for (const segment of segments) {
    if (typeof segment === 'number') path += `[${segment}]`;
    else if (segment.startsWith('<')) path += segment;
    else path += /^[A-Za-z_$][\w$]*$/.test(segment) ? `.${segment}` : `[${JSON.stringify(segment)}]`;
  }
  return path;
}
