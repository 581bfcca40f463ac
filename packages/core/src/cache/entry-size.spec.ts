import { describe, expect, it } from 'vitest';
import { estimateBytes } from './entry-size.js';

describe('estimateBytes', () => {
  it('grows with the value', () => {
    expect(estimateBytes('x'.repeat(1_000))).toBeGreaterThan(estimateBytes('x'));
    expect(estimateBytes({ items: [1, 2, 3], name: 'a' })).toBeGreaterThan(estimateBytes({}));
    expect(estimateBytes(new Map([['k', 'v'.repeat(100)]]))).toBeGreaterThan(200);
    expect(estimateBytes(new Set(['v'.repeat(100)]))).toBeGreaterThan(200);
    expect(estimateBytes(Buffer.alloc(4_096))).toBeGreaterThanOrEqual(4_096);
    expect(estimateBytes(new ArrayBuffer(512))).toBeGreaterThanOrEqual(512);
  });

  it('counts shared and circular references once, and stops on huge values', () => {
    const node: Record<string, unknown> = { name: 'n' };
    node.self = node;
    expect(Number.isFinite(estimateBytes(node))).toBe(true);
    const wide = Array.from({ length: 50_000 }, () => ({}));
    expect(estimateBytes(wide)).toBeLessThan(50_000 * 32);
  });

  it('is at least 8 for anything', () => {
    expect(estimateBytes(undefined)).toBe(8);
    expect(estimateBytes(null)).toBe(8);
  });
});
