/**
 * Turns values into strings or bytes for an L2 store and back. Must never evaluate code and must
 * not pollute prototypes.
 *
 * @example
 * const json: Serializer = { encode: (v) => JSON.stringify(v), decode: (d) => JSON.parse(String(d)) };
 */
export interface Serializer {
  /** @returns the stored form of `value` */
  encode(value: unknown): string | Buffer;
  /** @returns the value `data` was encoded from */
  decode(data: string | Buffer): unknown;
}
