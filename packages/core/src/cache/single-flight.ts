/** Bounds of one distributed single-flight run. */
export interface DistributedSingleFlightOptions {
  /** How long a waiter waits for another instance's value before computing itself, in ms. */
  readonly maxWaitMs: number;
  /** How long the cross-instance lock lives if its holder dies, in ms. */
  readonly lockTtlMs: number;
}

/**
 * Cross-instance single flight port: `@bulwark/redis` implements it with a short Redis lock and a
 * pub/sub wake-up. In-process single flight is the cache engine's own.
 *
 * @example
 * const value = await singleFlight.run(key, compute, read, { maxWaitMs: 5_000, lockTtlMs: 10_000 });
 */
export abstract class DistributedSingleFlight {
  /**
   * Runs `compute` on at most one instance at a time for `key`. Others wait (bounded by
   * `maxWaitMs`) for the value to land in the shared store, re-reading it via `read`; after the
   * bound a waiter computes itself.
   *
   * @param key the cache key
   * @param compute computes and stores the value
   * @param read re-reads the shared store
   * @param options the wait and lock bounds
   * @returns the computed or read value
   */
  abstract run<T>(key: string, compute: () => Promise<T>, read: () => Promise<T | undefined>, options: DistributedSingleFlightOptions): Promise<T>;
}
