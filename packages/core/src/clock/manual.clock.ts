import type { Clock } from './clock.js';

/**
 * A clock that moves only when told to: for tests of time-driven behaviour without sleeping.
 *
 * @example
 * const clock = new ManualClock();
 * const breaker = circuitBreaker({ clock, openDuration: 1_000 });
 * clock.advance(1_000); // the breaker may now half-open
 */
export class ManualClock implements Clock {
  private current: number;

  /** @param start the reading before any `advance` @default 0 */
  constructor(start = 0) {
    this.current = start;
  }

  /** @returns the current reading in milliseconds */
  now(): number {
    return this.current;
  }

  /**
   * Moves time forward.
   *
   * @param ms milliseconds to add; must be finite and not negative
   * @throws RangeError when `ms` is negative or not finite
   */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`ManualClock.advance(${ms}): time only moves forward by a finite amount`);
    this.current += ms;
  }
}
