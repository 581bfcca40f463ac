import { describe, expect, it } from 'vitest';
import { stableSerialize } from './stable-serialize.js';

const same = (a: unknown, b: unknown): boolean => stableSerialize(a) === stableSerialize(b);

describe('stableSerialize', () => {
  it.each<[string, unknown, unknown]>([
    ["('a:b', 'c') and ('a', 'b:c')", ['a:b', 'c'], ['a', 'b:c']],
    ["1 and '1'", [1], ['1']],
    ['true and "true"', [true], ['true']],
    ['null and undefined', [null], [undefined]],
    ['[] and [undefined]', [], [undefined]],
    ['0 and -0', [0], [-0]],
    ['1n and 1', [1n], [1]],
    ['a Date and its epoch', [new Date(5)], [5]],
    ['a Map and an object', [new Map([['a', 1]])], [{ a: 1 }]],
    ['a Set and an array', [new Set([1])], [[1]]],
    ['nested and flat arrays', [['a', 'b']], ['a', 'b']],
    ['{ a: undefined } and {}', [{ a: undefined }], [{}]],
    ['a string holding a serialization and the value', ['d1;'], [1]],
    ['two lone surrogates', ['\uD800'], ['\uDBFF']],
    ['a Uint8Array and a Buffer of the same bytes', [new Uint8Array([1])], [Buffer.from([1])]],
    ['a class instance and a plain object', [new (class Point { x = 1 })()], [{ x: 1 }]],
  ])('tells apart %s', (_, a, b) => {
    expect(same(a, b)).toBe(false);
  });

  it.each<[string, unknown, unknown]>([
    ['objects whose keys were added in another order', { b: 1, a: { d: 2, c: 3 } }, { a: { c: 3, d: 2 }, b: 1 }],
    ['Maps filled in another order', new Map<unknown, unknown>([['a', 1], [2, 'b']]), new Map<unknown, unknown>([[2, 'b'], ['a', 1]])],
    ['Sets filled in another order', new Set([3, 'x', 1]), new Set([1, 3, 'x'])],
    ['equal Dates', new Date(1_000), new Date(1_000)],
    ['NaN and NaN', NaN, NaN],
    ['an object with a null prototype and a plain one', Object.assign(Object.create(null) as object, { a: 1 }), { a: 1 }],
    ['instances with a toJSON, by its result', new URL('https://a.example/x'), new URL('https://a.example/x')],
    ['a sparse array and one holding undefined', [, 1], [undefined, 1]], // eslint-disable-line no-sparse-arrays
  ])('treats as equal %s', (_, a, b) => {
    expect(same(a, b)).toBe(true);
  });

  it('keys shared references that are not cycles', () => {
    const shared = { id: 1 };
    expect(() => stableSerialize([shared, shared, { shared }])).not.toThrow();
  });

  it('keys instances without toJSON by their class and enumerable state', () => {
    class Query {
      constructor(readonly sku: string) {}
    }
    expect(same(new Query('a'), new Query('a'))).toBe(true);
    expect(same(new Query('a'), new Query('b'))).toBe(false);
  });

  it.each<[string, unknown, string]>([
    [
      'a cycle',
      (() => {
        const node: { next?: unknown } = {};
        node.next = { back: node };
        return [node];
      })(),
      'Cannot derive a cache key: the arguments refer back to themselves at value[0].next.back. Pass a `key` function that returns the fields identifying the call.',
    ],
    [
      'a function',
      [{ onDone: () => {} }],
      'Cannot derive a cache key from a function at value[0].onDone: it has no stable value to key on. Pass a `key` function that returns the fields identifying the call, or give the class a toJSON() method.',
    ],
    ['a unique symbol', [Symbol('x')], 'Cannot derive a cache key from Symbol(x) (only Symbol.for() symbols are keyable) at value[0]'],
    ['a Promise', [Promise.resolve(1)], 'Cannot derive a cache key from an instance of Promise with no enumerable properties at value[0]'],
    ['an AbortSignal in a Map', [new Map([['signal', new AbortController().signal]])], 'an instance of AbortSignal with no enumerable properties at value[0].entries'],
  ])('refuses %s, naming the path', (_, value, message) => {
    expect(() => stableSerialize(value)).toThrow(message);
    expect(() => stableSerialize(value)).toThrow(TypeError);
  });

  it('names the value as its caller does', () => {
    expect(() => stableSerialize([() => 1], 'arguments')).toThrow('from a function at arguments[0]:');
  });

  it('keys symbols from Symbol.for by their key', () => {
    expect(same(Symbol.for('a'), Symbol.for('a'))).toBe(true);
    expect(same(Symbol.for('a'), 'a')).toBe(false);
  });
});
