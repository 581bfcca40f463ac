import type { CacheEntry } from './cache-entry.js';

/**
 * XFetch (Vattani, Chierichetti and Lowenstein, "Optimal Probabilistic Cache Stampede
 * Prevention", VLDB 2015): refresh a fresh entry early when
 * `computeMs × beta × −ln(random()) ≥ expiresAt − now`. The closer the expiry and the slower the
 * computation, the likelier; one caller, not all, wins before the entry expires.
 *
 * @internal used by the cache engine
 * @param entry a fresh entry
 * @param now the cache clock's reading
 * @param beta eagerness, greater than 0
 * @param random uniform in [0, 1)
 * @returns whether this read should start a refresh
 */
export function shouldRefreshEarly(entry: CacheEntry, now: number, beta: number, random: () => number): boolean {
  const computeMs = entry.computeMs ?? 0;
  if (computeMs <= 0) return false;
  return computeMs * beta * -Math.log(random()) >= entry.expiresAt - now;
}
