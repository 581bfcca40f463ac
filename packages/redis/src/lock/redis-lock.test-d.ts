import { describe, expectTypeOf, it } from 'vitest';
import type { Redis } from 'ioredis';
import { LeaderElector, Lock, type LockHandle } from '@bulwark/core';
import { fencedGet, fencedSet, type FencedValue } from './fenced-set.js';
import { RedisLeaderElector } from './redis.leader-elector.js';
import { RedisLock } from './redis.lock.js';

declare const node: Redis;

describe('Redis lock types', () => {
  it('implements the core ports', () => {
    const lock = new RedisLock([node, node, node]);
    expectTypeOf(lock).toExtend<Lock>();
    expectTypeOf(new RedisLeaderElector(lock, { name: 'x' })).toExtend<LeaderElector>();
  });

  it('accepts an owner on acquire, and one client or several', () => {
    const lock = new RedisLock(node, { commandTimeout: '50ms', retryJitter: 0.2 });
    expectTypeOf(lock.acquire('x', { owner: 'api-1', ttl: '5s' })).toEqualTypeOf<Promise<LockHandle>>();
    expectTypeOf(lock.tryAcquire('x', { owner: 'api-1' })).toEqualTypeOf<Promise<LockHandle | undefined>>();
    expectTypeOf(lock.holder('x')).toEqualTypeOf<Promise<string | undefined>>();
    // @ts-expect-error an election needs a name
    new RedisLeaderElector(lock, { lease: '15s' });
  });

  it('checks tokens at the resource', () => {
    expectTypeOf(fencedSet(node, 'k', 1, 'v', { ttl: '1m' })).toEqualTypeOf<Promise<boolean>>();
    expectTypeOf(fencedGet(node, 'k')).toEqualTypeOf<Promise<FencedValue | undefined>>();
  });
});
