import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import {
  callback,
  InvalidOptionError,
  LEADER_ELECTION_TIMING_RULES,
  leaderElectionTimingFrom,
  monotonicClockRule,
  systemClock,
  text,
  validateOptions,
  type Clock,
  type LeaderElectionTiming,
} from '@bulwark/core';
import { lockMessages } from './lock.messages.js';
import type { RedisLeaderElectorOptions } from './redis-leader-elector.options.js';
import { checkTtl } from './redis-lock.settings.js';

/** @internal An elector's options validated and merged with the defaults. */
export interface RedisLeaderElectorSettings {
  readonly name: string;
  readonly id: string;
  readonly timing: LeaderElectionTiming;
  readonly clock: Clock;
  readonly random: () => number;
}

const PATH = 'redisLeaderElector';

const RULES = {
  ...LEADER_ELECTION_TIMING_RULES,
  name: text(),
  id: text(),
  clock: monotonicClockRule,
  random: callback<() => number>(),
};

/**
 * @internal Validates an elector's options once, at construction.
 *
 * @param options what the caller passed
 * @param commandTimeoutMs the lock's per-node timeout, which every renewal must fit well within
 * @throws InvalidOptionError for a missing name, an unknown option, a value out of range, timing
 *   out of order (lease > renewDeadline > retryPeriod), or a retryPeriod not above commandTimeout
 */
export function resolveRedisLeaderElectorOptions(options: RedisLeaderElectorOptions, commandTimeoutMs: number): RedisLeaderElectorSettings {
  const valid = validateOptions(PATH, options, RULES);
  if (valid.name === undefined) throw new InvalidOptionError(`${PATH}.name`, undefined, lockMessages.missingElectionName(PATH));
  const timing = leaderElectionTimingFrom(PATH, valid);
  if (timing.retryPeriodMs <= commandTimeoutMs) {
    throw new InvalidOptionError(`${PATH}.retryPeriod`, options.retryPeriod, lockMessages.commandTimeoutTooLong(PATH, commandTimeoutMs, timing.retryPeriodMs));
  }
  checkTtl(PATH, 'lease', timing.leaseMs, commandTimeoutMs, options.lease);
  return {
    name: valid.name,
    id: valid.id ?? `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`,
    timing,
    clock: valid.clock ?? systemClock,
    random: valid.random ?? Math.random,
  };
}
