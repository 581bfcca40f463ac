import { describe, expectTypeOf, it } from 'vitest';
import type { Event } from '../events/event.js';
import { InMemoryLeaderElector } from './in-memory.leader-elector.js';
import { InMemoryLock } from './in-memory.lock.js';
import type { ElectedEvent, Leadership, NewLeaderEvent, RevokedEvent } from './leader-elector.events.js';
import { LeaderElector } from './leader-elector.port.js';
import type { LockHandle } from './lock.handle.js';
import type { LockLostEvent } from './lock.events.js';
import { Lock } from './lock.port.js';
import type { LockLostReason } from './lock-lost.error.js';
import type { LockNotAcquiredReason } from './lock-not-acquired.error.js';

describe('lock types', () => {
  it('implements the ports, which are abstract classes usable as tokens', () => {
    expectTypeOf(new InMemoryLock()).toExtend<Lock>();
    expectTypeOf(new InMemoryLeaderElector()).toExtend<LeaderElector>();
    expectTypeOf<typeof Lock>().toExtend<abstract new () => Lock>();
  });

  it('hands out handles with a numeric token and a signal', () => {
    const lock = new InMemoryLock();
    expectTypeOf(lock.acquire('x')).toEqualTypeOf<Promise<LockHandle>>();
    expectTypeOf(lock.tryAcquire('x')).toEqualTypeOf<Promise<LockHandle | undefined>>();
    expectTypeOf(lock.using('x', ({ token }) => token)).toEqualTypeOf<Promise<number>>();
    expectTypeOf<LockHandle['token']>().toEqualTypeOf<number>();
    expectTypeOf<LockHandle['signal']>().toEqualTypeOf<AbortSignal>();
    expectTypeOf<LockHandle['extend']>().returns.toEqualTypeOf<Promise<boolean>>();
    expectTypeOf(lock.onLost).toEqualTypeOf<Event<LockLostEvent>>();
  });

  it('types its options and reasons', () => {
    new InMemoryLock({ ttl: '10s', waitTimeout: Infinity, autoExtend: false, permits: 2 });
    void new InMemoryLock().acquire('x', { minHold: '1m', signal: new AbortController().signal });
    // @ts-expect-error a malformed duration
    new InMemoryLock({ ttl: '10 seconds' });
    expectTypeOf<LockNotAcquiredReason>().toEqualTypeOf<'held' | 'unavailable' | 'too-slow'>();
    expectTypeOf<LockLostReason>().toEqualTypeOf<'expired' | 'not-owner' | 'renew-deadline' | 'resigned'>();
  });

  it('exposes elector events and the current term', () => {
    const elector = new InMemoryLeaderElector();
    expectTypeOf(elector.leadership()).toEqualTypeOf<Leadership | undefined>();
    expectTypeOf(elector.onElected).toEqualTypeOf<Event<ElectedEvent>>();
    expectTypeOf(elector.onRevoked).toEqualTypeOf<Event<RevokedEvent>>();
    expectTypeOf(elector.onNewLeader).toEqualTypeOf<Event<NewLeaderEvent>>();
  });
});
