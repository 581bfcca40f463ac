/** The spread of one candidate's samples, in nanoseconds per call. */
export interface Summary {
  readonly median: number;
  readonly p25: number;
  readonly p75: number;
  readonly min: number;
  readonly max: number;
  readonly samples: number;
}

/**
 * Reads a quantile from ascending values, interpolating linearly between the two nearest ranks.
 *
 * @param sorted values in ascending order; must not be empty
 * @param q the quantile, from 0 to 1
 * @returns the interpolated value
 * @example
 * quantile([1, 2, 3, 4], 0.5); // 2.5
 */
export function quantile(sorted: readonly number[], q: number): number {
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.ceil(position);
  return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
}

/**
 * Summarizes samples by their median and quartiles, which a stray GC pause or a noisy neighbour
 * moves far less than it moves a mean.
 *
 * @param samples nanoseconds per call, one value per batch
 * @returns median, p25, p75, min and max
 * @throws {RangeError} when there are no samples
 * @example
 * summarize([120, 118, 131]).median; // 120
 */
export function summarize(samples: readonly number[]): Summary {
  if (samples.length === 0) throw new RangeError('summarize() needs at least one sample');
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    median: quantile(sorted, 0.5),
    p25: quantile(sorted, 0.25),
    p75: quantile(sorted, 0.75),
    min: sorted[0],
    max: sorted[sorted.length - 1],
    samples: sorted.length,
  };
}

/**
 * Rounds to a number of significant digits, for figures that should not pretend to more
 * precision than the measurement has.
 *
 * @param value the number to round
 * @param digits significant digits to keep
 * @default digits 3
 * @returns the rounded number
 * @example
 * significant(0.123456); // 0.123
 */
export function significant(value: number, digits = 3): number {
  if (value === 0 || !Number.isFinite(value)) return value;
  return Number(value.toPrecision(digits));
}
