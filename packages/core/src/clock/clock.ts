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
