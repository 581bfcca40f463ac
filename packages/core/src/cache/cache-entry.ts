/**
 * What a cache stores for one key. Times are wall-clock epoch milliseconds, because entries cross
 * processes (an L2 store is shared by every instance).
 *
 * @example
 * const entry: CacheEntry<string> = { value: 'ok', createdAt: 0, expiresAt: 60_000, staleUntil: 120_000 };
 */
export interface CacheEntry<T = unknown> {
  /** The cached value (never `undefined`). */
  readonly value: T;
  /** When the value was computed (epoch ms). */
  readonly createdAt: number;
  /** Fresh until then (epoch ms). */
  readonly expiresAt: number;
  /** `expiresAt + grace`: may be served as stale until then; the store may drop it after (epoch ms). */
  readonly staleUntil: number;
  /** Tags whose invalidation invalidates this entry. */
  readonly tags?: readonly string[];
  /** How long the factory took, in ms (XFetch's delta). */
  readonly computeMs?: number;
}
