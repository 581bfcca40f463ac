import type { Clock } from '../clock/clock.js';

/**
 * Sums of a few counters over a sliding time window, kept in buckets that rotate lazily when
 * read or written: no timer, so thousands of breakers cost no wake-ups.
 *
 * @example
 * const window = new TimeBuckets({ windowMs: 10_000, buckets: 10, fields: 2, clock });
 * window.add(0, 1);
 * window.total(0); // sum of field 0 over the last 10 s (to bucket precision)
 */
export class TimeBuckets {
  private readonly bucketMs: number;
  private readonly bucketCount: number;
  private readonly fields: number;
  private readonly clock: Clock;
  private readonly values: Float64Array;
  private readonly totals: Float64Array;
  private currentBucket: number;

  /**
   * @param options.windowMs the window's length in milliseconds
   * @param options.buckets how many slices the window rotates through
   * @param options.fields how many counters each bucket holds
   * @param options.clock the monotonic time source
   */
  constructor(options: { windowMs: number; buckets: number; fields: number; clock: Clock }) {
    this.bucketCount = options.buckets;
    this.bucketMs = options.windowMs / options.buckets;
    this.fields = options.fields;
    this.clock = options.clock;
    this.values = new Float64Array(options.buckets * options.fields);
    this.totals = new Float64Array(options.fields);
    this.currentBucket = Math.floor(this.clock.now() / this.bucketMs);
  }

  /** Adds `amount` to counter `field` in the current bucket. */
  add(field: number, amount: number): void {
    this.rotate();
    this.values[(this.currentBucket % this.bucketCount) * this.fields + field] += amount;
    this.totals[field] += amount;
  }

  /** @returns the sum of counter `field` over the window */
  total(field: number): number {
    this.rotate();
    return this.totals[field];
  }

  /** Empties every bucket. */
  reset(): void {
    this.values.fill(0);
    this.totals.fill(0);
    this.currentBucket = Math.floor(this.clock.now() / this.bucketMs);
  }

  private rotate(): void {
    const bucket = Math.floor(this.clock.now() / this.bucketMs);
    if (bucket === this.currentBucket) return;
    const expired = Math.min(bucket - this.currentBucket, this.bucketCount);
    for (let step = 1; step <= expired; step++) {
      const offset = ((this.currentBucket + step) % this.bucketCount) * this.fields;
      this.values.fill(0, offset, offset + this.fields);
    }
    // Re-sum rather than subtract, so fractional amounts leave no rounding residue behind.
    this.totals.fill(0);
    for (let i = 0; i < this.values.length; i++) this.totals[i % this.fields] += this.values[i];
    this.currentBucket = bucket;
  }
}
