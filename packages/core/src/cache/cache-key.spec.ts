import { describe, expect, it } from 'vitest';
import { isInvalidOptionError } from '../errors/invalid-option.error.js';
import { cacheKey, cacheKeyPrefix, tagKey } from './cache-key.js';

describe('cacheKey', () => {
  it('is <namespace>:<name>:<base64url sha256> of the arguments', () => {
    expect(cacheKey('shop', 'catalog', ['SKU-1'])).toMatch(/^shop:catalog:[A-Za-z0-9_-]{43}$/);
  });

  it('is the same for equal arguments and different otherwise', () => {
    expect(cacheKey('shop', 'catalog', [{ a: 1, b: 2 }])).toBe(cacheKey('shop', 'catalog', [{ b: 2, a: 1 }]));
    expect(cacheKey('shop', 'catalog', ['a:b', 'c'])).not.toBe(cacheKey('shop', 'catalog', ['a', 'b:c']));
    expect(cacheKey('shop', 'catalog', [1])).not.toBe(cacheKey('shop', 'catalog', ['1']));
  });

  it('stays bounded whatever the arguments, and never carries them', () => {
    const key = cacheKey('n'.repeat(64), 'c'.repeat(64), ['*'.repeat(100_000)]);
    expect(key.length).toBe(173);
    expect(key).not.toContain('*');
  });

  it.each([
    ['namespace', 'shop:eu', 'catalog', 'Invalid option cacheKey.namespace: "shop:eu". Expected 1 to 64 letters, digits,'],
    ['namespace', '', 'catalog', 'Invalid option cacheKey.namespace: "".'],
    ['cacheName', 'shop', 'cat*', `Invalid option cacheKey.cacheName: "cat*". Expected 1 to 64 letters, digits, '_', '.' or '-' (so no ':', '*' or other glob characters), not starting with '__' (reserved).`],
    ['cacheName', 'shop', '__tag', 'Invalid option cacheKey.cacheName: "__tag".'],
    ['cacheName', 'shop', 'x'.repeat(65), 'Invalid option cacheKey.cacheName:'],
  ])('refuses a malformed %s (%j, %j)', (option, namespace, cacheName, message) => {
    expect(() => cacheKey(namespace, cacheName, [])).toThrow(message);
    try {
      cacheKey(namespace, cacheName, []);
    } catch (error) {
      expect(isInvalidOptionError(error) && error.option).toBe(`cacheKey.${option}`);
    }
  });

  it('gives the prefix every key of a cache starts with', () => {
    expect(cacheKeyPrefix('shop', 'catalog')).toBe('shop:catalog:');
    expect(cacheKey('shop', 'catalog', [1]).startsWith(cacheKeyPrefix('shop', 'catalog'))).toBe(true);
  });
});

describe('tagKey', () => {
  it('namespaces and digests a tag so no cache name can produce it', () => {
    expect(tagKey('shop', 'sku:42')).toMatch(/^shop:__tag:[A-Za-z0-9_-]{43}$/);
    expect(tagKey('shop', 'sku:42')).not.toBe(tagKey('other', 'sku:42'));
    expect(tagKey('shop', 'sku:42')).not.toBe(tagKey('shop', 'sku:43'));
  });

  it('refuses a malformed namespace', () => {
    expect(() => tagKey('a b', 'x')).toThrow('Invalid option cacheKey.namespace: "a b".');
  });
});
