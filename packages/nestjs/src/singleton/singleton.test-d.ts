import type { Lock, LeaderElector } from '@bulwark/core';
import { describe, expectTypeOf, it } from 'vitest';
import { BulwarkLocks, Singleton, SingletonContext, type BulwarkModuleOptions, type LockModuleOptions, type SingletonOptions, type SingletonRun } from '../index.js';

describe('the @Singleton API', () => {
  it('takes lock options only in lock mode, and always a mode', () => {
    expectTypeOf(Singleton).parameter(0).toEqualTypeOf<SingletonOptions>();
    Singleton({ mode: 'lock', name: 'report', waitTimeout: '5s', lockAtMostFor: '10m', lockAtLeastFor: '30s', onLocked: 'throw' });
    Singleton({ mode: 'leader', name: 'scheduler', onLocked: 'skip', skipResult: [] });
    // @ts-expect-error waitTimeout applies to mode 'lock' only
    Singleton({ mode: 'leader', waitTimeout: '5s' });
    // @ts-expect-error the mode is required
    Singleton({ name: 'report' });
  });

  it('gives the running method its token and signal', () => {
    expectTypeOf<SingletonContext['current']>().returns.toEqualTypeOf<SingletonRun | undefined>();
    expectTypeOf<SingletonRun>().toEqualTypeOf<{ readonly mode: 'lock' | 'leader'; readonly name: string; readonly token: number; readonly signal: AbortSignal }>();
  });

  it('exposes the lock and the electors', () => {
    expectTypeOf<BulwarkLocks['lock']>().toEqualTypeOf<Lock>();
    expectTypeOf<BulwarkLocks['elector']>().toEqualTypeOf<(name?: string) => LeaderElector>();
  });

  it('configures the lock nodes as URLs, options or clients', () => {
    const options: BulwarkModuleOptions = { lock: { redis: ['redis://a:6379', { host: 'b', port: 6379 }], election: { lease: '15s' } } };
    expectTypeOf(options.lock).toEqualTypeOf<LockModuleOptions | undefined>();
  });
});
