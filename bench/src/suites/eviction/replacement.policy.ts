/** A cache replacement policy replayed over a key trace: it only tracks which keys it holds. */
export interface ReplacementPolicy {
  /**
   * Requests a key; on a miss the key is admitted, evicting another when the cache is full.
   *
   * @param key the key id
   * @returns true on a hit
   */
  access(key: number): boolean;
}

/**
 * Replays a trace through a policy.
 *
 * @param policy the policy, empty
 * @param trace key ids in request order
 * @returns the number of hits
 * @example
 * const hits = replay(new LruReference(1_000), trace);
 */
export function replay(policy: ReplacementPolicy, trace: Int32Array): number {
  let hits = 0;
  for (let i = 0; i < trace.length; i++) if (policy.access(trace[i])) hits++;
  return hits;
}
