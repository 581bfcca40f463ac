/**
 * The wire format of the tagged JSON serializer. A value JSON cannot carry is written as an object
 * whose `$t` names its type and whose `v` holds its data:
 *
 * | value                        | stored as                                   |
 * |------------------------------|---------------------------------------------|
 * | `undefined`                  | `{"$t":"Undef"}`                            |
 * | `NaN`, `±Infinity`, `-0`     | `{"$t":"Num","v":"NaN"}`                    |
 * | `123n`                       | `{"$t":"BigInt","v":"123"}`                 |
 * | `Date`                       | `{"$t":"Date","v":1700000000000}` (`null` when invalid) |
 * | `Map`                        | `{"$t":"Map","v":[[key, value], ...]}`      |
 * | `Set`                        | `{"$t":"Set","v":[value, ...]}`             |
 * | `Uint8Array`, `Buffer`       | `{"$t":"Bytes","v":"<base64>"}`             |
 * | an object with its own `$t`  | `{"$t":"Obj","v":{...its fields}}`          |
 *
 * The last row is the escape: a user object that happens to have a `$t` key is wrapped, so it is
 * never mistaken for a tag.
 */
export const TAG = '$t';

/** The names used in `$t`. */
export const TagName = {
  Undefined: 'Undef',
  Number: 'Num',
  BigInt: 'BigInt',
  Date: 'Date',
  Map: 'Map',
  Set: 'Set',
  Bytes: 'Bytes',
  Object: 'Obj',
} as const;

/** The one key that is never read from, nor written to, a payload: assigning it sets a prototype. */
export const PROTO_KEY = '__proto__';

/** Dropped when read only when it holds a `prototype`: the `constructor.prototype` pollution shape. */
export const CONSTRUCTOR_KEY = 'constructor';

/** See {@link CONSTRUCTOR_KEY}. */
export const PROTOTYPE_KEY = 'prototype';
