import {
  INVALID,
  InMemoryLock,
  LEADER_ELECTION_TIMING_RULES,
  LOCK_DEFAULTS,
  custom,
  duration,
  leaderElectionTimingFrom,
  text,
  validateOptions,
  type LeaderElectionTiming,
} from '@bulwark/core';
import { REDIS_LOCK_DEFAULTS, RedisLeaderElector, RedisLock, type RedisLockOptions } from '@bulwark/redis';
import type { Redis } from 'ioredis';
import type { LockModuleOptions, LockNodeOption } from './lock-module.options.js';

/** The `lock` options validated, with defaults filled in. */
export interface ResolvedLockOptions {
  /** The Redis lock nodes, or `undefined` for the in-process lock and elector. */
  readonly nodes: readonly LockNodeOption[] | undefined;
  /** Options for the `RedisLock` (durations in ms); the in-process lock takes only `ttl`. */
  readonly lock: Pick<RedisLockOptions, 'ttl' | 'commandTimeout' | 'retryDelay' | 'retryJitter' | 'driftFactor' | 'keyPrefix'> & { readonly ttl: number };
  /** How long one node may take to answer, in ms; 0 for the in-process lock. */
  readonly commandTimeoutMs: number;
  readonly election: {
    /** The default election's name. */
    readonly name: string;
    /** This instance's id, when configured. */
    readonly id: string | undefined;
    /** Lease, renew deadline, retry period and jitter, in ms, checked for order. */
    readonly timing: LeaderElectionTiming;
  };
}

const object = (what: string) =>
  custom<Record<string, unknown>>(what, (value) =>
    typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : INVALID,
  );

const isNode = (value: unknown): value is LockNodeOption => (typeof value === 'string' && value.length > 0) || (typeof value === 'object' && value !== null);

const rules = {
  redis: custom<readonly LockNodeOption[]>(
    "a redis:// URL, ioredis options or an ioredis client, or a non-empty list of them (or of comma-separated URLs), one per independent Redis master (e.g. ['redis://a:6379', 'redis://b:6379', 'redis://c:6379'])",
    (value) => {
      // A comma-separated string is a list, so one environment variable can name every node.
      const nodes = Array.isArray(value) ? (value as unknown[]) : typeof value === 'string' ? value.split(',').map((url) => url.trim()) : [value];
      return nodes.length > 0 && nodes.every(isNode) ? nodes : INVALID;
    },
  ),
  ttl: duration({ min: 1 }),
  commandTimeout: duration({ min: 1 }),
  retryDelay: duration({ min: 1 }),
  retryJitter: custom<number>('a number from 0 to 1', (value) => (typeof value === 'number' ? value : INVALID)),
  driftFactor: custom<number>('a number from 0 to less than 0.5', (value) => (typeof value === 'number' ? value : INVALID)),
  keyPrefix: text(),
  election: object("election options, e.g. { name: 'scheduler', lease: '15s', renewDeadline: '10s', retryPeriod: '2s' }"),
};

const electionRules = { ...LEADER_ELECTION_TIMING_RULES, name: text(), id: text() };

/** Stands in for a Redis client while options are checked: nothing is sent to it. */
const PROBE = { evalsha: () => undefined } as unknown as Redis;

/**
 * Validates the `lock` options of `BulwarkModule` and fills in defaults. With `redis`, a lock and
 * an elector are built once on a client that is never called, so every bound they check (a ttl
 * above twice the command timeout, `lease > renewDeadline > retryPeriod > commandTimeout`)
 * fails bootstrap naming the option.
 *
 * @param options the `lock` options as given
 * @param at runs a check, prefixing its error with where in the options it is
 * @returns the options the locks run on
 * @throws InvalidOptionError for an unknown option or an out-of-range value
 */
export function resolveLockOptions(options: LockModuleOptions | undefined, at: <T>(where: string, check: () => T) => T): ResolvedLockOptions {
  const given = at('BulwarkModule options', () => validateOptions('BulwarkModule.lock', options, rules));
  const electionGiven = at('BulwarkModule options', () => validateOptions('BulwarkModule.lock.election', given.election, electionRules));
  const timing = at('BulwarkModule options', () => leaderElectionTimingFrom('BulwarkModule.lock.election', electionGiven));
  const name = electionGiven.name ?? 'bulwark';
  const lock = {
    ttl: given.ttl ?? LOCK_DEFAULTS.ttl,
    ...(given.commandTimeout !== undefined && { commandTimeout: given.commandTimeout }),
    ...(given.retryDelay !== undefined && { retryDelay: given.retryDelay }),
    ...(given.retryJitter !== undefined && { retryJitter: given.retryJitter }),
    ...(given.driftFactor !== undefined && { driftFactor: given.driftFactor }),
    ...(given.keyPrefix !== undefined && { keyPrefix: given.keyPrefix }),
  };
  if (given.redis === undefined) {
    at('BulwarkModule option lock', () => new InMemoryLock({ ttl: lock.ttl }));
  } else {
    at('BulwarkModule option lock', () => {
      const probe = new RedisLock([PROBE], lock);
      return new RedisLeaderElector(probe, { name, lease: timing.leaseMs, renewDeadline: timing.renewDeadlineMs, retryPeriod: timing.retryPeriodMs, retryJitter: timing.retryJitter });
    });
  }
  return {
    nodes: given.redis,
    lock,
    commandTimeoutMs: given.redis === undefined ? 0 : (given.commandTimeout ?? REDIS_LOCK_DEFAULTS.commandTimeout),
    election: { name, id: electionGiven.id, timing },
  };
}
