/**
 * @param key a cache key
 * @returns the key of the short lock that lets one instance compute `key` at a time
 */
export function singleFlightLockKey(key: string): string {
  return `${key}:__lock`;
}

/**
 * @param namespace the tier's namespace
 * @returns the pub/sub channel carrying L1 invalidations between instances
 */
export function invalidationChannel(namespace: string): string {
  return `${namespace}:__invalidations`;
}

/**
 * @param namespace the tier's namespace
 * @returns the pub/sub channel announcing that a single-flight computation has landed
 */
export function landedChannel(namespace: string): string {
  return `${namespace}:__landed`;
}

/**
 * Escapes the characters SCAN's MATCH treats as a pattern, so a prefix matches only itself.
 *
 * @param literal text to match literally
 * @returns the escaped pattern text
 * @example
 * matchPrefix('a*b:'); // 'a\\*b:*'
 */
export function matchPrefix(literal: string): string {
  return `${literal.replace(/[*?[\]\\^]/g, '\\$&')}*`;
}
