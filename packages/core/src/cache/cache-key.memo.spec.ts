import { describe, expect, it } from 'vitest';
import { CacheKeyMemo, KEY_MEMO_CAPACITY } from './cache-key.memo.js';
import { cacheKey } from './cache-key.js';

describe('CacheKeyMemo', () => {
  it.each<[string, string | unknown[]]>([
    ['a string', 'SKU-1'],
    ['the same string again (remembered)', 'SKU-1'],
    ['an argument list', ['SKU-1', { currency: 'EUR' }]],
    ['a string that looks like a serialization', 'a1[s5:SKU-1]'],
    ['a long string (not remembered)', 'x'.repeat(1_000)],
  ])('gives the key cacheKey gives for %s', (_, input) => {
    const memo = new CacheKeyMemo('shop:catalog:');
    for (let i = 0; i < 2; i++) expect(memo.keyOf(input)).toBe(cacheKey('shop', 'catalog', typeof input === 'string' ? [input] : input));
  });

  it('keeps a string apart from the argument list whose serialization it spells', () => {
    const memo = new CacheKeyMemo('shop:catalog:');
    const list = memo.keyOf(['SKU-1']);
    expect(memo.keyOf('a1[s5:SKU-1]')).not.toBe(list);
    expect(memo.keyOf('SKU-1')).toBe(list);
  });

  it(`remembers at most ${KEY_MEMO_CAPACITY} keys per kind of input, forgetting the oldest first`, () => {
    const memo = new CacheKeyMemo('shop:catalog:');
    for (let i = 0; i < KEY_MEMO_CAPACITY * 3; i++) memo.keyOf(`SKU-${i}`);
    for (let i = 0; i < KEY_MEMO_CAPACITY * 3; i++) memo.keyOf([i]);
    expect(memo.size).toBe(KEY_MEMO_CAPACITY * 2);
    expect(memo.keyOf('SKU-0')).toBe(cacheKey('shop', 'catalog', ['SKU-0']));
  });

  it('does not remember inputs longer than 200 characters', () => {
    const memo = new CacheKeyMemo('shop:catalog:');
    memo.keyOf('x'.repeat(201));
    memo.keyOf(['x'.repeat(200)]);
    expect(memo.size).toBe(0);
    memo.keyOf('x'.repeat(200));
    expect(memo.size).toBe(1);
  });

  it('refuses arguments that cannot be keyed, as cacheKey does', () => {
    expect(() => new CacheKeyMemo('shop:catalog:').keyOf([() => 1])).toThrow('Cannot derive a cache key from a function at arguments[0]');
  });
});
