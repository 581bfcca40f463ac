import { describe, expect, it } from 'vitest';
import type { Outcome, RequestLog } from '../src/suites/storm/dependency.server.js';
import { countBetween, recoverySeconds, type Timeline } from '../src/suites/storm/storm.analysis.js';

const TIMELINE: Timeline = { start: 0, outageStart: 2_000, healed: 3_000, end: 6_000 };

/** A log with `perBucket(bucket)` requests in each 250 ms bucket, spread evenly. */
function logOf(perBucket: (bucket: number) => { accepted: number; rejected: number }): RequestLog {
  const log: { times: number[]; outcomes: Outcome[] } = { times: [], outcomes: [] };
  for (let bucket = 0; bucket < TIMELINE.end / 250; bucket++) {
    const { accepted, rejected } = perBucket(bucket);
    const outcomes: Outcome[] = [...Array<Outcome>(accepted).fill('accepted'), ...Array<Outcome>(rejected).fill('over-capacity')];
    outcomes.forEach((outcome, i) => {
      log.times.push(bucket * 250 + (i * 250) / outcomes.length);
      log.outcomes.push(outcome);
    });
  }
  return log;
}

const healthy = { accepted: 40, rejected: 0 };
const down = { accepted: 0, rejected: 100 };
const silent = { accepted: 0, rejected: 0 };
/** Bucket 12 is the first after the heal at 3,000 ms. */
const afterHeal = (bucket: number): number => bucket - 12;

describe('storm recovery', () => {
  it('is 0 when the first buckets after the heal are already normal', () => {
    const log = logOf((b) => (b >= 8 && b < 12 ? down : healthy));
    expect(recoverySeconds(log, TIMELINE)).toBe(0);
  });

  it('waits for traffic: buckets nobody calls in (an open breaker) have not recovered', () => {
    const log = logOf((b) => (b >= 8 && b < 12 ? down : afterHeal(b) >= 0 && afterHeal(b) < 3 ? silent : healthy));
    expect(recoverySeconds(log, TIMELINE)).toBe(0.75);
  });

  it('waits while more than 5 % of requests get 503, even at full throughput', () => {
    const log = logOf((b) => (b >= 8 && b < 12 ? down : afterHeal(b) >= 0 && afterHeal(b) < 4 ? { accepted: 50, rejected: 3 } : healthy));
    expect(recoverySeconds(log, TIMELINE)).toBe(1);
  });

  it('needs four normal buckets in a row, so one good bucket between bad ones does not count', () => {
    const log = logOf((b) => (b >= 8 && b < 12 ? down : [0, 2].includes(afterHeal(b)) ? healthy : afterHeal(b) >= 0 && afterHeal(b) < 4 ? down : healthy));
    expect(recoverySeconds(log, TIMELINE)).toBe(1);
  });

  it('is null when the dependency never serves normally before the run ends', () => {
    const log = logOf((b) => (b >= 8 ? down : healthy));
    expect(recoverySeconds(log, TIMELINE)).toBeNull();
  });

  it('counts requests in a half-open span of time', () => {
    const log = logOf((b) => (b >= 8 && b < 12 ? down : healthy));
    expect(countBetween(log, 2_000, 3_000)).toEqual({ accepted: 0, rejected: 400 });
  });
});
