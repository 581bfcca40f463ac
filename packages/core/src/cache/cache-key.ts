import { messages } from '../errors/bulwark.messages.js';
import { InvalidOptionError } from '../errors/invalid-option.error.js';
import { INVALID, custom, type OptionRule } from '../options/option.rules.js';
import { argumentsDigest, digest } from './key-digest.js';

const NAME_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;
const NAME_FORMS = "1 to 64 letters, digits, '_', '.' or '-' (so no ':', '*' or other glob characters)";

/** A namespace: 1 to 64 characters from `[A-Za-z0-9_.-]`. */
export const namespaceRule: OptionRule<string> = custom(NAME_FORMS, (value) =>
  typeof value === 'string' && NAME_PATTERN.test(value) ? value : INVALID,
);

/** A cache name: like a namespace, but not starting with `__`, which marks Bulwark's own keys (tags). */
export const cacheNameRule: OptionRule<string> = custom(`${NAME_FORMS}, not starting with '__' (reserved)`, (value) =>
  typeof value === 'string' && NAME_PATTERN.test(value) && !value.startsWith('__') ? value : INVALID,
);

/**
 * The key under which a cache stores the result for some arguments:
 * `<namespace>:<cacheName>:<digest>`, where the digest is the base64url SHA-256 of
 * `stableSerialize(args)`. Keys are at most 173 characters, whatever the arguments, and no
 * argument can produce another cache's key or a glob pattern.
 *
 * @param namespace 1 to 64 characters from `[A-Za-z0-9_.-]`, e.g. the application's name
 * @param cacheName like `namespace`, not starting with `__`
 * @param args the arguments that identify the value
 * @returns the full key
 * @throws InvalidOptionError when `namespace` or `cacheName` is malformed
 * @throws TypeError when `args` cannot be serialized (see `stableSerialize`)
 * @example
 * cacheKey('shop', 'catalog', ['SKU-1']); // 'shop:catalog:Xk3...'
 */
export function cacheKey(namespace: string, cacheName: string, args: readonly unknown[]): string {
  return cacheKeyPrefix(namespace, cacheName) + argumentsDigest(args);
}

/**
 * The prefix every key of one cache name starts with: what `deleteByPrefix` receives to clear it.
 *
 * @param namespace as for `cacheKey`
 * @param cacheName as for `cacheKey`
 * @returns `<namespace>:<cacheName>:`
 * @throws InvalidOptionError when `namespace` or `cacheName` is malformed
 * @example
 * cacheKeyPrefix('shop', 'catalog'); // 'shop:catalog:'
 */
export function cacheKeyPrefix(namespace: string, cacheName: string): string {
  check('namespace', namespace, namespaceRule);
  check('cacheName', cacheName, cacheNameRule);
  return `${namespace}:${cacheName}:`;
}

/**
 * The store-level name of a tag: `<namespace>:__tag:<digest of tag>`. The cache engine hands
 * stores tags in this form (in `CacheEntry.tags`, `invalidateTag` and `tagInvalidatedAt`), so two
 * namespaces sharing a store never invalidate each other's entries.
 *
 * @param namespace as for `cacheKey`
 * @param tag any string
 * @returns the namespaced, bounded tag
 * @throws InvalidOptionError when `namespace` is malformed
 * @example
 * tagKey('shop', 'sku:42'); // 'shop:__tag:p0V...'
 */
export function tagKey(namespace: string, tag: string): string {
  check('namespace', namespace, namespaceRule);
  return `${namespace}:__tag:${digest(tag)}`;
}

function check(option: string, value: unknown, rule: OptionRule<string>): void {
  if (rule.parse(value) === INVALID) throw new InvalidOptionError(`cacheKey.${option}`, value, messages.invalidOption('cacheKey', option, value, rule.expected));
}
