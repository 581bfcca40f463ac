import { describe, expect, it } from 'vitest';
import { validateOptions } from '../options/validate-options.js';
import {
  jitteredRetryMs,
  LEADER_ELECTION_FAST,
  LEADER_ELECTION_TIMING_RULES,
  leaderElectionTimingFrom,
  type LeaderElectionTimingOptions,
} from './leader-election.timing.js';

const resolve = (options?: LeaderElectionTimingOptions) =>
  leaderElectionTimingFrom('elector', validateOptions('elector', options, LEADER_ELECTION_TIMING_RULES));

describe('leader election timing', () => {
  it('defaults to Kubernetes ratios: lease 15 s, renew deadline 10 s, retry 2 s ± 20 %', () => {
    expect(resolve()).toEqual({ leaseMs: 15_000, renewDeadlineMs: 10_000, retryPeriodMs: 2_000, retryJitter: 0.2 });
    expect(resolve(LEADER_ELECTION_FAST)).toEqual({ leaseMs: 1_500, renewDeadlineMs: 1_000, retryPeriodMs: 200, retryJitter: 0.2 });
  });

  it.each([
    [{ lease: '10s' }, 'renewDeadline'],
    [{ lease: '5s', renewDeadline: '6s' }, 'renewDeadline'],
    [{ renewDeadline: '2s' }, 'retryPeriod'],
    [{ retryPeriod: '12s' }, 'retryPeriod'],
  ] as const)('refuses %o, naming %s', (options, option) => {
    expect(() => resolve(options)).toThrow(expect.objectContaining({ option: `elector.${option}` }));
    expect(() => resolve(options)).toThrow(/lease \(\d+ ms\) > renewDeadline \(\d+ ms\) > retryPeriod \(\d+ ms\) must hold/);
  });

  it('refuses a jitter of 1 or more', () => {
    expect(() => resolve({ retryJitter: 1 })).toThrow('Invalid option elector.retryJitter: 1. Expected a number from 0 (no jitter) to less than 1');
  });

  it('randomises each retry period within ± the jitter', () => {
    const timing = resolve(LEADER_ELECTION_FAST);
    expect(jitteredRetryMs(timing, () => 0)).toBeCloseTo(160);
    expect(jitteredRetryMs(timing, () => 0.5)).toBeCloseTo(200);
    expect(jitteredRetryMs(timing, () => 0.999_999)).toBeCloseTo(240);
  });
});
