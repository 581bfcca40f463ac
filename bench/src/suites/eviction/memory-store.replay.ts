import { MemoryCacheStore, type CacheEntry } from '@bulwark/core';

/** One entry shared by every key: it never expires, so only capacity decides what stays. */
const ENTRY: CacheEntry<number> = { value: 1, createdAt: 0, expiresAt: Infinity, staleUntil: Infinity };

/**
 * Replays a trace through Bulwark's L1, `MemoryCacheStore`, by its public API as the cache engine
 * uses it: `get`, and on a miss `set` (cache-aside).
 *
 * @param trace key ids in request order
 * @param capacity the store's `maxEntries`
 * @returns the number of hits
 * @example
 * const hits = await replayMemoryStore(trace, 1_000);
 */
export async function replayMemoryStore(trace: Int32Array, capacity: number): Promise<number> {
  const store = new MemoryCacheStore({ maxEntries: capacity });
  const names = new Map<number, string>();
  let hits = 0;
  for (let i = 0; i < trace.length; i++) {
    const id = trace[i];
    let key = names.get(id);
    if (key === undefined) names.set(id, (key = `eviction:key:${id}`));
    if ((await store.get(key)) !== undefined) hits++;
    else await store.set(key, ENTRY);
  }
  return hits;
}
