import type { RequestLog } from './dependency.server.js';

/** When the phases of one run began, `performance.now()` milliseconds. */
export interface Timeline {
  readonly start: number;
  readonly outageStart: number;
  readonly healed: number;
  /** When clients stopped starting calls: the end of what is analysed. */
  readonly end: number;
}

/** What reached the dependency in one span of time. */
export interface Counts {
  readonly accepted: number;
  readonly rejected: number;
}

/** When the dependency counts as serving normally: judged per bucket, and sustained. */
export const RECOVERY_RULE = {
  /** Bucket length. */
  bucketMs: 250,
  /** At most this share of a bucket's requests may get 503. */
  maxRejectedShare: 0.05,
  /** A bucket must serve at least this share of the mean served per bucket before the outage. */
  minAcceptedShare: 0.5,
  /** Buckets in a row that must pass, so a lucky bucket between two bad ones does not count. */
  sustainedBuckets: 4,
} as const;

/** The first index whose time is at or after `time` (the log is in arrival order). */
function indexAt(times: readonly number[], time: number): number {
  let low = 0;
  let high = times.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (times[middle] < time) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Counts the requests that arrived in `[from, to)`.
 *
 * @param log the dependency's request log
 * @param from start time, inclusive
 * @param to end time, exclusive
 * @returns served and rejected (503) requests
 */
export function countBetween(log: RequestLog, from: number, to: number): Counts {
  let accepted = 0;
  let rejected = 0;
  for (let i = indexAt(log.times, from), last = indexAt(log.times, to); i < last; i++) {
    if (log.outcomes[i] === 'accepted') accepted++;
    else rejected++;
  }
  return { accepted, rejected };
}

/**
 * The mean number of requests served per bucket before the outage, skipping the first half
 * second while the fleet's first calls spread out (or nothing, on a warm-up shorter than 1 s).
 *
 * @param log the dependency's request log
 * @param timeline the run's phases
 * @returns requests served per `RECOVERY_RULE.bucketMs`
 */
export function baselinePerBucket(log: RequestLog, timeline: Timeline): number {
  const warmup = timeline.outageStart - timeline.start;
  const from = timeline.start + (warmup >= 1_000 ? 500 : 0);
  return (countBetween(log, from, timeline.outageStart).accepted * RECOVERY_RULE.bucketMs) / (timeline.outageStart - from);
}

/**
 * How long after the dependency healed it served normally again: the start of the first bucket
 * (buckets counted from the heal) that begins `RECOVERY_RULE.sustainedBuckets` normal buckets in a
 * row. A bucket is normal when at most 5 % of its requests got 503 and it served at least half the
 * pre-outage mean, so a dependency nobody calls yet (clients behind an open breaker) has not
 * recovered.
 *
 * @param log the dependency's request log
 * @param timeline the run's phases
 * @returns seconds, at `bucketMs` resolution, or `null` when it never did before the run ended
 */
export function recoverySeconds(log: RequestLog, timeline: Timeline): number | null {
  const { bucketMs, maxRejectedShare, minAcceptedShare, sustainedBuckets } = RECOVERY_RULE;
  const minAccepted = minAcceptedShare * baselinePerBucket(log, timeline);
  const normal = (k: number): boolean => {
    const from = timeline.healed + k * bucketMs;
    const { accepted, rejected } = countBetween(log, from, from + bucketMs);
    return accepted > 0 && accepted >= minAccepted && rejected <= maxRejectedShare * (accepted + rejected);
  };
  const buckets = Math.floor((timeline.end - timeline.healed) / bucketMs);
  let run = 0;
  for (let k = 0; k < buckets; k++) {
    run = normal(k) ? run + 1 : 0;
    if (run === Math.min(sustainedBuckets, buckets)) return ((k - run + 1) * bucketMs) / 1_000;
  }
  return null;
}

/**
 * The requests per bucket over the whole run, buckets aligned on the outage start, for charts.
 *
 * @param log the dependency's request log
 * @param timeline the run's phases
 * @returns served and rejected counts per bucket, and the first bucket's start relative to the outage, in seconds
 */
export function series(log: RequestLog, timeline: Timeline): { startS: number; accepted: number[]; rejected: number[] } {
  const { bucketMs } = RECOVERY_RULE;
  const first = -Math.floor((timeline.outageStart - timeline.start) / bucketMs);
  const last = Math.floor((timeline.end - timeline.outageStart) / bucketMs);
  const accepted: number[] = [];
  const rejected: number[] = [];
  for (let k = first; k < last; k++) {
    const from = timeline.outageStart + k * bucketMs;
    const counts = countBetween(log, from, from + bucketMs);
    accepted.push(counts.accepted);
    rejected.push(counts.rejected);
  }
  return { startS: (first * bucketMs) / 1_000, accepted, rejected };
}
