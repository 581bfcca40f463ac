import type { Clock } from '@bulwark/core';
import type { RedisClient } from './redis-client.js';

/** Options of {@link RedisInvalidationBus}. */
export interface RedisInvalidationBusOptions {
  /** Publishes on it, and duplicates it once for the subscriber connection. The bus never closes it. */
  readonly client: RedisClient;
  /** Instances with the same namespace hear each other, on the channel `<namespace>:__invalidations`. */
  readonly namespace: string;
  /** Dates the resynchronisation after a reconnect. @default wallClock */
  readonly clock?: Clock;
}
