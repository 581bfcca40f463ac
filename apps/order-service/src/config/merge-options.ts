/** A JSON-like options object: what config files and `bulwarkOptionsFromEnv` produce. */
type Options = Readonly<Record<string, unknown>>;

/**
 * Merges options: plain objects merge key by key, at any depth; any other value of the override
 * replaces the base's. Neither argument is changed.
 *
 * @param base the defaults
 * @param override what wins, e.g. the options read from the environment
 * @returns a new object
 * @example
 * mergeOptions({ retries: { inventory: { maxAttempts: 3, delay: '100ms' } } }, { retries: { inventory: { maxAttempts: 5 } } });
 * // { retries: { inventory: { maxAttempts: 5, delay: '100ms' } } }
 */
export function mergeOptions<T extends object>(base: T, override: object): T {
  const merged: Record<string, unknown> = { ...(base as Options) };
  for (const [key, value] of Object.entries(override)) {
    const current = merged[key];
    merged[key] = isPlainObject(current) && isPlainObject(value) ? mergeOptions(current, value) : value;
  }
  return merged as T;
}

function isPlainObject(value: unknown): value is Options {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}
