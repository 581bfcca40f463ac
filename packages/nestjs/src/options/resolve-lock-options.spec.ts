import { LEADER_ELECTION_DEFAULTS } from '@bulwark/core';
import { describe, expect, it } from 'vitest';
import { locateOptionError } from './option-errors.js';
import { resolveLockOptions } from './resolve-lock-options.js';

const at = <T>(where: string, check: () => T): T => locateOptionError(where, 'Fix it.', check);
const defaultTiming = {
  leaseMs: LEADER_ELECTION_DEFAULTS.lease,
  renewDeadlineMs: LEADER_ELECTION_DEFAULTS.renewDeadline,
  retryPeriodMs: LEADER_ELECTION_DEFAULTS.retryPeriod,
  retryJitter: LEADER_ELECTION_DEFAULTS.retryJitter,
};

describe('resolveLockOptions', () => {
  it('defaults to the in-process lock, a 30 s lease and the Kubernetes-like election timing', () => {
    expect(resolveLockOptions(undefined, at)).toEqual({
      nodes: undefined,
      lock: { ttl: 30_000 },
      commandTimeoutMs: 0,
      election: { name: 'bulwark', id: undefined, timing: defaultTiming },
    });
  });

  it('reads a comma-separated string as a list of nodes, as one environment variable gives it', () => {
    const resolved = resolveLockOptions({ redis: 'redis://a:6379, redis://b:6379,redis://c:6379', ttl: '10s', election: { name: 'jobs', lease: '3s', renewDeadline: '2s', retryPeriod: '1s' } }, at);
    expect(resolved).toEqual({
      nodes: ['redis://a:6379', 'redis://b:6379', 'redis://c:6379'],
      lock: { ttl: 10_000 },
      commandTimeoutMs: 100,
      election: { name: 'jobs', id: undefined, timing: { leaseMs: 3_000, renewDeadlineMs: 2_000, retryPeriodMs: 1_000, retryJitter: 0.2 } },
    });
  });

  it('names the option, the value and the fix when a node is not a URL, options or a client', () => {
    expect(() => resolveLockOptions({ redis: [42 as unknown as string] }, at)).toThrow(
      /^BulwarkModule options: Invalid option BulwarkModule\.lock\.redis: \[42\]\. Expected a redis:\/\/ URL, ioredis options or an ioredis client.* Fix it\.$/,
    );
  });

  it('checks the Redis bounds once, at bootstrap, without connecting', () => {
    expect(() => resolveLockOptions({ redis: 'redis://a:1', commandTimeout: '2s' }, at)).toThrow(
      /^BulwarkModule option lock: Invalid option redisLeaderElector.retryPeriod: 2000 ms\. Expected more than the lock's commandTimeout \(2000 ms\)/,
    );
  });
});
