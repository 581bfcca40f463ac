import { IndexedMaxHeap } from './indexed-max.heap.js';

/**
 * For each request, the index of the next request for the same key (`Infinity` when there is
 * none), computed by one backward pass.
 *
 * @param trace key ids in request order
 * @param keys key ids range from 0 to `keys - 1`
 * @returns the next-use index of every request
 */
export function nextUses(trace: Int32Array, keys: number): Float64Array {
  const next = new Float64Array(trace.length);
  const seen = new Float64Array(keys).fill(Infinity);
  for (let i = trace.length - 1; i >= 0; i--) {
    next[i] = seen[trace[i]];
    seen[trace[i]] = i;
  }
  return next;
}

/**
 * Bélády's optimal replacement (MIN), computed offline: on a miss with a full cache, evict the key
 * whose next request is farthest in the future, or skip admitting the requested key when its own
 * next request is farther still. No policy that cannot see the future scores more hits, so it is
 * the ceiling the online policies are measured against. A max-heap keyed by next use finds the
 * victim in O(log capacity).
 *
 * @param trace key ids in request order
 * @param keys key ids range from 0 to `keys - 1`
 * @param capacity the most keys held
 * @returns the number of hits
 * @example
 * beladyHits(Int32Array.of(1, 2, 1, 3, 1), 4, 1); // 2: key 1 stays, 2 and 3 are never admitted
 */
export function beladyHits(trace: Int32Array, keys: number, capacity: number): number {
  const next = nextUses(trace, keys);
  const held = new IndexedMaxHeap(keys, capacity);
  let hits = 0;
  for (let i = 0; i < trace.length; i++) {
    const key = trace[i];
    if (held.has(key)) {
      hits++;
      held.update(key, next[i]);
    } else if (held.size < capacity) {
      held.push(key, next[i]);
    } else if (next[i] < held.priorityOf(held.peek())) {
      held.replaceTop(key, next[i]);
    }
  }
  return hits;
}
