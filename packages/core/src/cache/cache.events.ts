/** Emitted by `onHit`: a fresh entry answered. */
export interface CacheHitEvent {
  /** The cache's name. */
  readonly name: string;
  /** The entry's store key. */
  readonly key: string;
}

/** Emitted by `onMiss`: no usable entry; the factory will run (or a running call is joined). */
export interface CacheMissEvent {
  readonly name: string;
  readonly key: string;
}

/** Emitted by `onStale`: an expired entry within its grace answered instead of the factory. */
export interface CacheStaleEvent {
  readonly name: string;
  readonly key: string;
  /** `'error'`: the refresh failed; `'soft-timeout'`: it was slower than `softTimeout` (and goes on). */
  readonly reason: 'error' | 'soft-timeout';
  /** What the refresh threw, when `reason` is `'error'`. */
  readonly error?: unknown;
}

/** Emitted by `onRefresh` when an entry is recomputed while a value is still being served. */
export interface CacheRefreshEvent {
  readonly name: string;
  readonly key: string;
  /** `'early'`: XFetch refreshes a fresh, hot entry; `'expired'`: an entry within its grace. */
  readonly reason: 'early' | 'expired';
}

/** Emitted by `onFactorySuccess`: the factory returned a value. */
export interface CacheFactorySuccessEvent {
  readonly name: string;
  readonly key: string;
  /** How long the factory took, by the cache's clock. */
  readonly durationMs: number;
}

/** Emitted by `onFactoryError`: the factory threw (or timed out); nothing was cached. */
export interface CacheFactoryErrorEvent {
  readonly name: string;
  readonly key: string;
  readonly durationMs: number;
  readonly error: unknown;
}

/** Emitted by `onStoreError`: a store, bus or single-flight call failed and was treated as a miss or skipped. */
export interface CacheStoreErrorEvent {
  readonly name: string;
  /** What failed: reading, writing, checking tags, coordinating, or publishing. */
  readonly operation: 'get' | 'set' | 'tags' | 'single-flight' | 'publish';
  readonly error: unknown;
}
