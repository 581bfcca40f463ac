import type { Serializer } from '@bulwark/core';
import { fromTaggedTree } from './tagged-json.decode.js';
import { toTaggedTree } from './tagged-json.encode.js';

/**
 * Matches what decoding has to act on: a `$t`, `__proto__` or `constructor` key, or a `\u` escape.
 * JSON spells a key out literally unless it uses a `\u` escape (no other escape can produce these
 * letters), so text this does not match parses to exactly the tree decoding would return, and
 * plain data (most entries) skips the walk. One regular expression: four `includes` cost more.
 */
const MAY_NEED_DECODING = /\\u|"(?:\$t|__proto__|constructor)"/;

/**
 * The default serializer of the Redis cache: JSON with type tags, so `Date`, `Map`, `Set`,
 * `BigInt`, `undefined` (also inside arrays and objects), `NaN`, `±Infinity`, `-0` and byte arrays
 * come back as they went in. Decoding never evaluates code and never changes a prototype.
 *
 * - Decoded objects are ordinary objects (`Object.prototype`), so they behave as users expect.
 * - `__proto__` keys are never written and are dropped when read, and so is a `constructor` key
 *   whose value has a `prototype` key (the pollution shape); other `constructor` or `prototype`
 *   keys stay plain own data properties.
 * - Class instances are stored as their own enumerable fields (or their `toJSON()`), like
 *   `JSON.stringify`, and come back as plain objects. `Buffer` and every `Uint8Array` come back
 *   as a `Buffer`. A value shared twice is stored twice.
 * - Functions, symbols and cycles are refused with a `SerializationError` naming where they are.
 *
 * @example
 * const serializer = new TaggedJsonSerializer();
 * const text = serializer.encode({ at: new Date(0), ids: new Set([1n]) });
 * serializer.decode(text); // { at: Date(0), ids: Set { 1n } }
 */
export class TaggedJsonSerializer implements Serializer {
  /**
   * @param value the value to store
   * @returns its JSON text
   * @throws SerializationError for a function, a symbol or a cycle
   */
  encode(value: unknown): string {
    return JSON.stringify(toTaggedTree(value));
  }

  /**
   * @param data JSON text written by `encode`, as a string or UTF-8 bytes
   * @returns the value it was encoded from
   * @throws SyntaxError for text that is not JSON
   * @throws SerializationError for an unknown or malformed type tag
   */
  decode(data: string | Buffer): unknown {
    const text = typeof data === 'string' ? data : data.toString('utf8');
    const tree: unknown = JSON.parse(text);
    return MAY_NEED_DECODING.test(text) ? fromTaggedTree(tree) : tree;
  }
}

/**
 * The shared instance of {@link TaggedJsonSerializer} (it holds no state).
 *
 * @example
 * createRedisCacheTier({ client, namespace: 'shop', serializer: taggedJsonSerializer });
 */
export const taggedJsonSerializer: Serializer = new TaggedJsonSerializer();
