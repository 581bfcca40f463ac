import type { Clock } from '../clock/clock.js';
import type { Duration } from '../options/duration.js';
import type { InvalidationBus } from './invalidation.bus.js';

/** Options of `TieredCacheStore`, checked once when it is built. */
export interface TieredCacheStoreOptions {
  /** Carries invalidations between instances, so each drops its L1 copy. Required. */
  bus: InvalidationBus;
  /** The longest an L1 copy lives before L2 is read again: bounds the harm of a lost bus message. @default the entry's own lifetime */
  l1Ttl?: Duration;
  /** The wall clock (epoch ms), for `l1Ttl`. @default wallClock */
  clock?: Clock;
}
