/** Visiting more nodes than this stops the estimate: a huge value is simply "big". */
const NODE_BUDGET = 10_000;

/**
 * Estimates how many bytes a value occupies in memory, for `MemoryCacheStore`'s `maxBytes`. An
 * estimate, not a measurement: UTF-16 strings count 2 bytes a character, numbers 8, binary data
 * its length, and every object an overhead; shared and circular references count once.
 *
 * @param value any value
 * @returns an estimate in bytes, at least 8
 * @example
 * estimateBytes({ sku: 'A-1', stock: 3 }); // about 60
 */
export function estimateBytes(value: unknown): number {
  const state = { seen: new Set<object>(), budget: NODE_BUDGET };
  return Math.max(8, measure(value, state));
}

interface Walk {
  readonly seen: Set<object>;
  budget: number;
}

function measure(value: unknown, walk: Walk): number {
  if (typeof value === 'string') return 16 + value.length * 2;
  if (typeof value !== 'object' || value === null) return 8;
  if (walk.seen.has(value) || walk.budget <= 0) return 8;
  walk.seen.add(value);
  walk.budget--;
  if (ArrayBuffer.isView(value)) return 32 + value.byteLength;
  if (value instanceof ArrayBuffer) return 32 + value.byteLength;
  if (value instanceof Map) return 32 + sum(value, (entry) => measure(entry[0], walk) + measure(entry[1], walk));
  if (value instanceof Set) return 32 + sum(value, (item) => measure(item, walk));
  if (Array.isArray(value)) return 32 + sum(value, (item) => measure(item, walk));
  let bytes = 32;
  for (const key of Object.keys(value)) bytes += 8 + key.length * 2 + measure((value as Record<string, unknown>)[key], walk);
  return bytes;
}

function sum<T>(items: Iterable<T>, size: (item: T) => number): number {
  let total = 0;
  for (const item of items) total += size(item);
  return total;
}
