/**
 * A warning from the Redis cache store: something was not cached or not read, the caller still
 * got its value, and an operator may want to know. `message` is ready to log.
 *
 * - `corrupt-entry`: an entry could not be decoded; it was treated as a miss and deleted.
 * - `value-too-large`: an encoded value exceeded `maxValueBytes`; it was not cached.
 * - `unserializable-value`: the serializer refused a value (a function, a cycle...); it was not cached.
 *
 * @example
 * store.onWarning((warning) => logger.warn(warning.message));
 */
export type RedisCacheWarning =
  | { readonly kind: 'corrupt-entry'; readonly key: string; readonly error: unknown; readonly message: string }
  | { readonly kind: 'value-too-large'; readonly key: string; readonly bytes: number; readonly maxBytes: number; readonly message: string }
  | { readonly kind: 'unserializable-value'; readonly key: string; readonly error: unknown; readonly message: string };
