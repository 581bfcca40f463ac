/**
 * A monotonic source of milliseconds. Policies read time only through a `Clock`, so tests can
 * control it and wall-clock jumps (NTP, daylight saving) never trip or reset a breaker.
 */
export interface Clock {
  /** Milliseconds from an arbitrary origin; never decreases. */
  now(): number;
}

/**
 * The process's monotonic clock (`performance.now()`).
 *
 * @example
 * circuitBreaker({ clock: systemClock });
 */
export const systemClock: Clock = { now: () => performance.now() };

/**
 * The wall clock (`Date.now()`), in epoch milliseconds. Cache entries carry wall-clock times
 * because they cross processes, where monotonic readings mean nothing; it may jump with NTP, so
 * policies that judge durations use `systemClock` instead.
 *
 * @example
 * cache({ name: 'catalog', ttl: '15m', clock: wallClock });
 */
export const wallClock: Clock = { now: () => Date.now() };
