import type { Clock } from '../clock/clock.js';
import { TimeBuckets } from '../window/time-buckets.js';
import type { OutcomeWindow } from './outcome.window.js';

const CALLS = 0;
const FAILURES = 1;
const SLOW_CALLS = 2;
const COST = 3;

/**
 * @internal The outcomes of the last `windowMs`, in lazily rotating buckets. The buckets read a
 * clock that replays the reading the breaker already took, so recording reads no clock itself.
 */
export class TimeWindow implements OutcomeWindow {
  private at: number;
  private readonly buckets: TimeBuckets;

  /**
   * @param options.windowMs the window's length
   * @param options.buckets how many slices it rotates through
   * @param options.clock the breaker's clock, read once here
   */
  constructor(options: { windowMs: number; buckets: number; clock: Clock }) {
    this.at = options.clock.now();
    const replay: Clock = { now: () => this.at };
    this.buckets = new TimeBuckets({ windowMs: options.windowMs, buckets: options.buckets, fields: 4, clock: replay });
  }

  get calls(): number {
    return this.buckets.total(CALLS);
  }

  get failures(): number {
    return this.buckets.total(FAILURES);
  }

  get slowCalls(): number {
    return this.buckets.total(SLOW_CALLS);
  }

  get cost(): number {
    return this.buckets.total(COST);
  }

  record(now: number, failure: boolean, slow: boolean, cost: number): void {
    this.advance(now);
    this.buckets.add(CALLS, 1);
    if (failure) this.buckets.add(FAILURES, 1);
    if (slow) this.buckets.add(SLOW_CALLS, 1);
    if (cost !== 0) this.buckets.add(COST, cost);
  }

  advance(now: number): void {
    // Never backwards: readings from one monotonic clock, but guard against a caller's stale one.
    if (now > this.at) this.at = now;
  }

  reset(now: number): void {
    this.advance(now);
    this.buckets.reset();
  }
}
