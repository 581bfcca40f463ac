/** Message text of @bulwark/redis errors and warning events, kept in one place so wording stays consistent. */
export const redisMessages = {
  unsupportedValue: (kind: string, path: string): string =>
    `Cannot serialize ${kind} at ${path}: the cache stores data, not behaviour. ` +
    'Return plain data from the cached method, or pass a `serializer` that handles this type.',
  circularValue: (path: string): string =>
    `Cannot serialize the value: it refers to itself at ${path}. Return an acyclic copy from the cached method.`,
  malformedPayload: (path: string, detail: string): string => `Cannot decode the payload at ${path}: ${detail}.`,
  malformedEntry: (detail: string): string => `The decoded payload is not a cache entry: ${detail}.`,
  corruptEntry: (key: string, reason: string): string =>
    `Cache entry "${key}" could not be decoded, so it was read as a miss and deleted (${reason}). ` +
    'Expected after changing the serializer; otherwise check what else writes to these keys.',
  unserializableValue: (key: string, reason: string): string =>
    `Not caching "${key}": its value cannot be serialized (${reason}). The caller still gets the value.`,
  valueTooLarge: (key: string, bytes: number, maxBytes: number): string =>
    `Not caching "${key}": its encoded value is ${bytes} bytes, over maxValueBytes (${maxBytes}). ` +
    'The caller still gets the value. Cache a smaller projection, or raise maxValueBytes in createRedisCacheTier().',
  ignoredMessage: (channel: string, text: string): string =>
    `Ignored a message on ${channel} that is not an invalidation: ${text.slice(0, 200)}. Check what else publishes on this channel.`,
  clientOrRedis: (path: string): string =>
    `Give either ${path}.client (your ioredis client) or ${path}.redis (a redis:// URL or ioredis options for the tier's own client), not both.`,
  missingOption: (path: string, option: string, expected: string): string =>
    `Missing option ${path}.${option}. Expected ${expected}.`,
} as const;
