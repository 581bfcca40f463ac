import { InvalidOptionError } from '../errors/invalid-option.error.js';
import { messages } from '../errors/bulwark.messages.js';
import type { Duration } from '../options/duration.js';
import { custom, duration, INVALID } from '../options/option.rules.js';
import type { ValidatedOptions } from '../options/validate-options.js';

/**
 * The timing of a leader election, with Kubernetes' ratios as defaults. Worst-case failover after
 * a leader dies without resigning is about `lease + retryPeriod × (1 + retryJitter)`.
 */
export interface LeaderElectionTimingOptions {
  /** How long a term lasts unless renewed: how long followers wait out a dead leader. @default '15s' */
  lease?: Duration;
  /** A leader that could not renew for this long steps down; shorter than `lease`. @default '10s' */
  renewDeadline?: Duration;
  /** How often a leader renews and a follower campaigns; shorter than `renewDeadline`. @default '2s' */
  retryPeriod?: Duration;
  /** Each `retryPeriod` is randomised by ± this fraction, so followers do not campaign in step. @default 0.2 */
  retryJitter?: number;
}

/** Kubernetes-like defaults: lease 15 s, renew deadline 10 s, retry 2 s ± 20 %. */
export const LEADER_ELECTION_DEFAULTS = { lease: 15_000, renewDeadline: 10_000, retryPeriod: 2_000, retryJitter: 0.2 } as const;

/**
 * The same ratios ten times faster, for tests and demos: lease 1.5 s, renew deadline 1 s, retry
 * 200 ms ± 20 %.
 *
 * @example
 * new RedisLeaderElector(lock, { name: 'scheduler', ...LEADER_ELECTION_FAST });
 */
export const LEADER_ELECTION_FAST = { lease: 1_500, renewDeadline: 1_000, retryPeriod: 200, retryJitter: 0.2 } as const;

/** Leader election timing validated and converted to milliseconds. */
export interface LeaderElectionTiming {
  readonly leaseMs: number;
  readonly renewDeadlineMs: number;
  readonly retryPeriodMs: number;
  readonly retryJitter: number;
}

/** The rules of `LeaderElectionTimingOptions`, to spread into an elector's own rules. */
export const LEADER_ELECTION_TIMING_RULES = {
  lease: duration({ min: 1 }),
  renewDeadline: duration({ min: 1 }),
  retryPeriod: duration({ min: 1 }),
  retryJitter: custom('a number from 0 (no jitter) to less than 1, e.g. 0.2 for ± 20 %', (value) =>
    typeof value === 'number' && value >= 0 && value < 1 ? value : INVALID,
  ),
};

/**
 * Merges validated timing options with `LEADER_ELECTION_DEFAULTS` and checks their order.
 *
 * @param path where the options live in messages, e.g. `redisLeaderElector`
 * @param valid what `validateOptions` returned with `LEADER_ELECTION_TIMING_RULES`
 * @returns the timing in milliseconds
 * @throws InvalidOptionError unless lease > renewDeadline > retryPeriod
 * @example
 * leaderElectionTimingFrom('elector', { lease: 30_000 }).renewDeadlineMs; // 10000
 */
export function leaderElectionTimingFrom(path: string, valid: ValidatedOptions<typeof LEADER_ELECTION_TIMING_RULES>): LeaderElectionTiming {
  const timing = {
    leaseMs: valid.lease ?? LEADER_ELECTION_DEFAULTS.lease,
    renewDeadlineMs: valid.renewDeadline ?? LEADER_ELECTION_DEFAULTS.renewDeadline,
    retryPeriodMs: valid.retryPeriod ?? LEADER_ELECTION_DEFAULTS.retryPeriod,
    retryJitter: valid.retryJitter ?? LEADER_ELECTION_DEFAULTS.retryJitter,
  };
  if (timing.leaseMs <= timing.renewDeadlineMs || timing.renewDeadlineMs <= timing.retryPeriodMs) {
    const option = timing.leaseMs <= timing.renewDeadlineMs ? 'renewDeadline' : 'retryPeriod';
    const message = messages.leaderElectionOrder(path, timing.leaseMs, timing.renewDeadlineMs, timing.retryPeriodMs);
    throw new InvalidOptionError(`${path}.${option}`, valid[option], message);
  }
  return timing;
}

/**
 * One randomised retry period: uniform in `period × [1 − jitter, 1 + jitter)`.
 *
 * @param timing the election timing
 * @param random uniform in `[0, 1)`
 * @returns milliseconds to wait
 */
export function jitteredRetryMs(timing: LeaderElectionTiming, random: () => number): number {
  return timing.retryPeriodMs * (1 + timing.retryJitter * (2 * random() - 1));
}
