import { seededRandom } from '../../harness/seeded.random.js';

/** The shape of a key trace. */
export interface ZipfTraceOptions {
  /** Distinct keys; key 0 is the most popular. */
  readonly keys: number;
  /** Requests in the trace. */
  readonly requests: number;
  /** The Zipf exponent: the key of rank `k` is requested with probability proportional to `1 / k^s`. */
  readonly s: number;
  /** Seeds the pseudo-random source, so every policy replays the same trace. */
  readonly seed: number;
}

/**
 * Draws a Zipf-distributed key trace by inverting the cumulative distribution (a binary search per
 * request), from a seeded source.
 *
 * @param options keys, requests, exponent and seed
 * @returns the requested key ids, from 0 (most popular) to `keys - 1`
 * @example
 * const trace = zipfTrace({ keys: 100_000, requests: 1_000_000, s: 0.99, seed: 1 });
 */
export function zipfTrace(options: ZipfTraceOptions): Int32Array {
  const { keys, requests, s, seed } = options;
  const cumulative = new Float64Array(keys);
  let total = 0;
  for (let rank = 1; rank <= keys; rank++) cumulative[rank - 1] = total += 1 / rank ** s;
  const random = seededRandom(seed);
  const trace = new Int32Array(requests);
  for (let i = 0; i < requests; i++) {
    const target = random() * total;
    let low = 0;
    let high = keys - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (cumulative[middle] < target) low = middle + 1;
      else high = middle;
    }
    trace[i] = low;
  }
  return trace;
}
