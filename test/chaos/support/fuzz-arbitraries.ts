import fc from 'fast-check';

/** Values that break option validators: wrong types, out of range, malformed durations, prototype names. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(-1, 0, 0.5, 1, 1.5, 1e12, -0, NaN, Infinity, -Infinity, '', ' ', '1s', '-1s', '0ms', '10 parsecs', '1e3', 'full', 'exponential', 'count', 'time'),
  fc.constantFrom<unknown>(null, undefined, true, false, [], {}, [1, 2], { type: 'count' }, { type: 'time', duration: '-1s' }, () => 1, Symbol('option'), 10n, new Date(0)),
  fc.integer(),
  fc.double(),
  fc.string({ maxLength: 12 }),
  fc.object({ maxDepth: 1, maxKeys: 3 }),
);

/** Names a caller may mistype or slip in, including the prototype's own. */
export const unknownOptionName: fc.Arbitrary<string> = fc.constantFrom(
  'jiter',
  'timeOut',
  'openDurations',
  'maxAttempt',
  'ttL',
  '',
  ' ',
  'toString',
  'constructor',
  'hasOwnProperty',
  '__proto__',
);

/** One change to a valid options object: a leaf set to a hostile value, or an unknown name added. */
export type OptionMutation =
  | { readonly kind: 'value'; readonly path: readonly string[]; readonly value: unknown }
  | { readonly kind: 'unknown'; readonly path: readonly string[]; readonly name: string; readonly value: unknown };

/**
 * @param base a valid options object
 * @returns mutations of it: any leaf replaced by a hostile value, or an unknown option added to any object in it
 */
export function optionMutation(base: object): fc.Arbitrary<OptionMutation> {
  const leaves = pathsOf(base, (value) => !isPlainObject(value));
  const objects = [[], ...pathsOf(base, isPlainObject)];
  return fc.oneof(
    fc.record({ kind: fc.constant('value' as const), path: fc.constantFrom(...leaves), value: hostileValue }),
    fc.record({ kind: fc.constant('unknown' as const), path: fc.constantFrom(...objects), name: unknownOptionName, value: hostileValue }),
  );
}

/**
 * @param base a valid options object, not changed
 * @param mutation the change
 * @returns a deep copy of `base` with the change; an unknown name becomes an own property, even `__proto__`
 */
export function applyMutation<T extends object>(base: T, mutation: OptionMutation): T {
  const copy = structuredClone(base);
  const parent = mutation.path.slice(0, mutation.kind === 'value' ? -1 : undefined).reduce((node: Record<string, unknown>, key) => node[key] as Record<string, unknown>, copy as Record<string, unknown>);
  const key = mutation.kind === 'value' ? mutation.path[mutation.path.length - 1] : mutation.name;
  Object.defineProperty(parent, key, { value: mutation.value, enumerable: true, writable: true, configurable: true });
  return copy;
}

/** @returns the option name a refusal of this mutation must mention */
export function mutatedName(mutation: OptionMutation): string {
  return mutation.kind === 'value' ? mutation.path[mutation.path.length - 1] : mutation.name;
}

function pathsOf(node: object, keep: (value: unknown) => boolean, prefix: string[] = []): string[][] {
  return Object.entries(node).flatMap(([key, value]) => {
    const path = [...prefix, key];
    const own = keep(value) ? [path] : [];
    return isPlainObject(value) ? [...own, ...pathsOf(value, keep, path)] : own;
  });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

/** Strings that trip key schemes: separators, globs, length prefixes, prototype names, lone surrogates. */
const trickyString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 16 }),
  fc.constantFrom(':', '::', '*', '?', '[', ']', '\\', '\0', 's1:', 's2:a', 'a2[', 'o1{', '}', ';', 'd1;', '__proto__', 'constructor', 'prototype', '\u2028', '\uD800', '\uDC00a', '💥', 'shop:catalog:*'),
);

/** Cache arguments: any mix of the values a cache key accepts, nested, with tricky strings and keys. */
export const cacheArgument: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  leaf: fc.oneof(trickyString, fc.integer(), fc.double(), fc.bigInt(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.date({ noInvalidDate: false })),
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    tie('leaf'),
    fc.array(tie('node'), { maxLength: 4 }),
    fc.dictionary(trickyString, tie('node'), { maxKeys: 4 }),
    fc.array(fc.tuple(tie('leaf'), tie('node')), { maxLength: 3 }).map((entries) => new Map(entries)),
    fc.array(tie('leaf'), { maxLength: 4 }).map((items) => new Set(items)),
  ),
})).node;

/**
 * An oracle for "the same arguments", written independently of `stableSerialize`: JSON of a tagged
 * tree, object keys sorted, Map and Set entries sorted. Two arguments with different canonical
 * forms must get different cache keys.
 *
 * @param value a cache argument
 * @returns its canonical form
 */
export function canonical(value: unknown): string {
  return JSON.stringify(tree(value));
}

function tree(value: unknown): unknown {
  if (typeof value === 'number') return ['n', Object.is(value, -0) ? '-0' : String(value)];
  if (typeof value === 'bigint') return ['b', value.toString()];
  if (typeof value !== 'object' || value === null) return [typeof value, value === undefined ? 'u' : value];
  if (value instanceof Date) return ['D', String(value.getTime())];
  if (Array.isArray(value)) return ['a', value.map(tree)];
  if (value instanceof Map) return ['M', [...value].map(([k, v]) => JSON.stringify([tree(k), tree(v)])).sort()];
  if (value instanceof Set) return ['S', [...value].map((item) => JSON.stringify(tree(item))).sort()];
  return ['o', Object.keys(value).sort().map((key) => [key, tree((value as Record<string, unknown>)[key])])];
}

/** Bytes planted in a Redis entry: random bytes, random text, random JSON, and near-miss tagged JSON. */
export const garbageEntry: fc.Arbitrary<string | Buffer> = fc.oneof(
  fc.uint8Array({ maxLength: 512 }).map((bytes) => Buffer.from(bytes)),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.json({ maxDepth: 3 }),
  fc.constantFrom('{"$t":"Date","v":"x"}', '{"v":{"$t":"BigInt","v":"1.5"}}', '{"$t":"Nope"}', '{"v":1}', '{"v":1,"c":"x","e":"y","s":null}', '{"__proto__":{"polluted":1}}', 'null', '[]', '{'),
);
