import { hostname } from 'node:os';
import {
  callback,
  custom,
  duration,
  INVALID,
  InvalidOptionError,
  LOCK_DEFAULTS_RULES,
  lockDefaultsFrom,
  monotonicClockRule,
  systemClock,
  text,
  validateOptions,
  type Clock,
  type LockRequest,
} from '@bulwark/core';
import { lockMessages } from './lock.messages.js';
import { REDIS_LOCK_DEFAULTS, type RedisLockOptions } from './redis-lock.options.js';

/** @internal A Redis lock's options validated and merged with the defaults. */
export interface RedisLockSettings {
  readonly defaults: LockRequest;
  readonly keyPrefix: string;
  readonly commandTimeoutMs: number;
  readonly driftFactor: number;
  readonly retryDelayMs: number;
  readonly retryJitter: number;
  readonly owner: string;
  readonly clock: Clock;
  readonly random: () => number;
}

const PATH = 'redisLock';

const RULES = {
  ...LOCK_DEFAULTS_RULES,
  keyPrefix: text(),
  commandTimeout: duration({ min: 1 }),
  driftFactor: custom('a number from 0 to less than 0.5, e.g. 0.01', (value) =>
    typeof value === 'number' && value >= 0 && value < 0.5 ? value : INVALID,
  ),
  retryDelay: duration({ min: 1 }),
  retryJitter: custom('a number from 0 (no jitter) to 1', (value) => (typeof value === 'number' && value >= 0 && value <= 1 ? value : INVALID)),
  owner: text(),
  clock: monotonicClockRule,
  random: callback<() => number>(),
};

/**
 * @internal Validates a Redis lock's options and merges the defaults, once, at construction.
 *
 * @throws InvalidOptionError naming the option, the value and what is allowed; also when the ttl
 *   leaves no room for two rounds of `commandTimeout`
 */
export function resolveRedisLockOptions(options: RedisLockOptions | undefined): RedisLockSettings {
  const valid = validateOptions(PATH, options, RULES);
  const settings: RedisLockSettings = {
    defaults: lockDefaultsFrom(valid),
    keyPrefix: valid.keyPrefix ?? REDIS_LOCK_DEFAULTS.keyPrefix,
    commandTimeoutMs: valid.commandTimeout ?? REDIS_LOCK_DEFAULTS.commandTimeout,
    driftFactor: valid.driftFactor ?? REDIS_LOCK_DEFAULTS.driftFactor,
    retryDelayMs: valid.retryDelay ?? REDIS_LOCK_DEFAULTS.retryDelay,
    retryJitter: valid.retryJitter ?? REDIS_LOCK_DEFAULTS.retryJitter,
    owner: valid.owner ?? `${hostname()}:${process.pid}`,
    clock: valid.clock ?? systemClock,
    random: valid.random ?? Math.random,
  };
  checkTtl(PATH, 'ttl', settings.defaults.ttlMs, settings.commandTimeoutMs, options?.ttl);
  return settings;
}

/**
 * @internal Refuses a ttl that two rounds of node replies (take, then record the token) could use
 * up: every acquisition with one slow node would then fail.
 *
 * @throws InvalidOptionError naming `<path>.<option>`
 */
export function checkTtl(path: string, option: string, ttlMs: number, commandTimeoutMs: number, given: unknown): void {
  if (ttlMs > 2 * commandTimeoutMs) return;
  const expected = `a duration longer than twice commandTimeout (${2 * commandTimeoutMs} ms), since acquiring takes two rounds of node replies`;
  throw new InvalidOptionError(`${path}.${option}`, given ?? ttlMs, lockMessages.invalidTtl(`${path}.${option}`, given ?? ttlMs, expected));
}
