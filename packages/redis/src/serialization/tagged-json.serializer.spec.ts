import { afterEach, describe, expect, it } from 'vitest';
import { isSerializationError, SerializationError } from './serialization.error.js';
import { TaggedJsonSerializer } from './tagged-json.serializer.js';

const serializer = new TaggedJsonSerializer();
const roundTrip = (value: unknown): unknown => serializer.decode(serializer.encode(value));

describe('TaggedJsonSerializer', () => {
  it.each([
    ['a Date', new Date('2024-02-29T12:34:56.789Z')],
    ['an invalid Date', new Date(NaN)],
    ['a Map with non-string keys', new Map<unknown, unknown>([[1, 'one'], ['1', 'string one'], [new Date(5), { deep: [1n] }]])],
    ['a Set', new Set([1, '1', 2n, undefined])],
    ['BigInts beyond 2^53', [2n ** 80n, -(2n ** 64n), 0n]],
    ['undefined in arrays and objects', { list: [1, undefined, 3], field: undefined }],
    ['undefined alone', undefined],
    ['non-finite numbers and -0', [NaN, Infinity, -Infinity, -0, 0, 1.5]],
    ['nested plain data', { a: [{ b: { c: [null, true, 'x', 1] } }], empty: {}, none: [] }],
    ['bytes', Buffer.from([0, 1, 254, 255])],
    ['an object using the tag key', { $t: 'Date', v: 12 }],
    ['a tag-shaped object nested in one', { $t: 'Obj', v: { $t: 'Undef' }, other: [{ $t: 'BigInt', v: 'x' }] }],
  ])('round-trips %s', (_name, value) => {
    expect(roundTrip(value)).toStrictEqual(value);
  });

  it('keeps -0 and NaN exactly, which toStrictEqual alone would not prove', () => {
    const [negativeZero, nan] = roundTrip([-0, NaN]) as number[];
    expect(Object.is(negativeZero, -0)).toBe(true);
    expect(Number.isNaN(nan)).toBe(true);
  });

  it('keeps undefined array slots as real slots', () => {
    const list = roundTrip([undefined, 1]) as unknown[];
    expect(0 in list).toBe(true);
  });

  it('decodes plain objects as ordinary objects', () => {
    const decoded = roundTrip({ a: 1 }) as Record<string, unknown>;
    expect(Object.getPrototypeOf(decoded)).toBe(Object.prototype);
    // eslint-disable-next-line no-prototype-builtins -- the point: decoded objects inherit Object.prototype's methods.
    expect(decoded.hasOwnProperty('a')).toBe(true);
    expect(String(decoded)).toBe('[object Object]');
  });

  it('stores class instances as their fields or their toJSON(), like JSON.stringify', () => {
    class Money {
      constructor(readonly cents: number) {}
    }
    const withToJson = { toJSON: () => 'as-json' };
    expect(roundTrip({ price: new Money(250), other: withToJson })).toStrictEqual({ price: { cents: 250 }, other: 'as-json' });
  });

  it.each([
    ['a function', { a: { b: [() => 1] } }, 'Cannot serialize a function at $.a.b[0]'],
    ['a symbol', { 'odd key': Symbol('s') }, 'Cannot serialize a symbol at $["odd key"]'],
    ['a function in a Map', { lookup: new Map([['k', () => 1]]) }, 'Cannot serialize a function at $.lookup<map entry 0>'],
  ])('refuses %s and names where it is', (_name, value, message) => {
    expect(() => serializer.encode(value)).toThrow(SerializationError);
    expect(() => serializer.encode(value)).toThrow(message);
  });

  it('refuses a cycle instead of overflowing the stack', () => {
    const node: Record<string, unknown> = { name: 'root' };
    node.children = [node];
    expect(() => serializer.encode(node)).toThrow('it refers to itself at $.children[0]');
  });

  it('stores a value shared twice (not a cycle) twice', () => {
    const shared = { id: 1 };
    expect(roundTrip([shared, shared])).toStrictEqual([{ id: 1 }, { id: 1 }]);
  });

  it('decodes UTF-8 bytes as well as strings', () => {
    expect(serializer.decode(Buffer.from(serializer.encode({ at: new Date(3) })))).toStrictEqual({ at: new Date(3) });
  });

  it.each([
    ['an unknown tag', '{"$t":"Function","v":"return 1"}', 'unknown type tag "Function"'],
    ['a tag named like an Object.prototype member', '{"$t":"constructor","v":1}', 'unknown type tag "constructor"'],
    ['a tag named __proto__', '{"x":[{"$t":"__proto__"}]}', 'at $.x.0: unknown type tag "__proto__"'],
    ['a non-digit BigInt', '{"$t":"BigInt","v":"1e3"}', 'a BigInt needs a string of digits'],
    ['a Map that is not made of pairs', '{"$t":"Map","v":[[1]]}', 'map entry 0 is not a [key, value] pair'],
    ['a tag in the wrong place', '{"a":{"$t":"Date","v":"yesterday"}}', 'at $.a.<Date>: a Date needs a number'],
  ])('rejects %s with a SerializationError', (_name, payload, message) => {
    let caught: unknown;
    try {
      serializer.decode(payload);
    } catch (error) {
      caught = error;
    }
    expect(isSerializationError(caught)).toBe(true);
    expect((caught as Error).message).toContain(message);
  });

  it('rejects text that is not JSON', () => {
    expect(() => serializer.decode('{not json')).toThrow(SyntaxError);
  });
});

describe('TaggedJsonSerializer against prototype pollution', () => {
  // If a check ever fails, do not let the pollution leak into every later test.
  afterEach(() => {
    delete (Object.prototype as Record<string, unknown>).polluted;
  });

  const payloads = [
    '{"__proto__":{"polluted":true}}',
    '{"a":{"__proto__":{"polluted":true}}}',
    '{"constructor":{"prototype":{"polluted":true}}}',
    '[{"__proto__":{"polluted":true}},{"constructor":{"prototype":{"polluted":true}}}]',
    '{"$t":"Obj","v":{"__proto__":{"polluted":true}}}',
    '{"$t":"Map","v":[["__proto__",{"__proto__":{"polluted":true}}]]}',
    '{"$t":"Set","v":[{"constructor":{"prototype":{"polluted":true}}}]}',
    // The same keys spelled with \u escapes, which JSON.parse decodes: no shortcut may miss them.
    '{"\\u005f_proto__":{"polluted":true}}',
    '{"a":{"constr\\u0075ctor":{"prototype":{"polluted":true}}}}',
    '{"\\u0024t":"Obj","v":{"__pr\\u006fto__":{"polluted":true}}}',
  ];

  it.each(payloads)('decoding %s changes no prototype', (payload) => {
    const decoded = serializer.decode(payload);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    // A naive deep merge is what turns such a payload into pollution; the decoded value has nothing for it to find.
    deepMerge({}, decoded);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reads a type tag or a __proto__ key spelled with \\u escapes as the plain spelling', () => {
    expect(serializer.decode('{"\\u0024t":"Undef"}')).toBeUndefined();
    expect(serializer.decode('{"a":{"\\u0024t":"Date","v":0}}')).toStrictEqual({ a: new Date(0) });
    expect(Object.keys(serializer.decode('{"\\u005f_proto__":{"polluted":true},"keep":1}') as object)).toEqual(['keep']);
  });

  it('drops __proto__ keys and keeps every decoded object on Object.prototype', () => {
    const decoded = serializer.decode('{"__proto__":{"polluted":true},"keep":1}') as object;
    expect(Object.keys(decoded)).toEqual(['keep']);
    expect(Object.getPrototypeOf(decoded)).toBe(Object.prototype);
    expect((decoded as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('drops a constructor holding a prototype, and keeps other constructor or prototype keys as plain data', () => {
    expect(serializer.decode('{"constructor":{"prototype":{"polluted":true}},"keep":1}')).toStrictEqual({ keep: 1 });
    const decoded = serializer.decode('{"constructor":"Ford","prototype":{"year":1908}}') as Record<string, unknown>;
    expect(Object.keys(decoded)).toEqual(['constructor', 'prototype']);
    expect(decoded.constructor).toBe('Ford');
    expect(Object.getPrototypeOf(decoded)).toBe(Object.prototype);
  });

  it('never writes an own __proto__ key, even when a value has one', () => {
    const hostile = JSON.parse('{"__proto__":{"polluted":true},"ok":1}') as object;
    expect(serializer.encode(hostile)).toBe('{"ok":1}');
  });

  it('is caught by this suite when a decoder assigns keys naively or keeps the constructor shape', () => {
    // Proves the checks above can fail: a naive rebuild changes a prototype, and plain JSON.parse
    // output hands the deep merge what it needs to pollute Object.prototype.
    const naive = rebuild(JSON.parse('{"__proto__":{"polluted":true}}')) as Record<string, unknown>;
    expect(naive.polluted).toBe(true);
    deepMerge({}, JSON.parse('{"constructor":{"prototype":{"polluted":true}}}'));
    expect(({} as Record<string, unknown>).polluted).toBe(true);
  });
});

function deepMerge(target: Record<string, unknown>, source: unknown): void {
  if (typeof source !== 'object' || source === null || source instanceof Map || source instanceof Set) return;
  for (const key of Object.keys(source)) {
    const value = (source as Record<string, unknown>)[key];
    if (typeof value === 'object' && value !== null) {
      if (typeof target[key] !== 'object' && typeof target[key] !== 'function') target[key] = {};
      deepMerge(target[key] as Record<string, unknown>, value);
    } else target[key] = value;
  }
}

function rebuild(node: unknown): unknown {
  if (typeof node !== 'object' || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(node)) out[key] = rebuild((node as Record<string, unknown>)[key]);
  return out;
}
