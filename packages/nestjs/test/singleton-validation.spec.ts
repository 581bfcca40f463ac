import { Injectable } from '@nestjs/common';
import { Observable, of } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { BulwarkModule, Singleton, type BulwarkModuleOptions, type SingletonOptions } from '../src/index.js';
import { closeApps, createApp } from './testing-app.js';

@Injectable()
class SyncLock {
  @Singleton({ mode: 'lock' })
  total(a: number, b: number): number {
    return a + b;
  }
}

@Injectable()
class Undeclared {
  @Singleton({ mode: 'lock' })
  work() {
    return of(1);
  }
}

@Injectable()
class LeaderWaits {
  @Singleton({ mode: 'leader', waitTimeout: '1s' } as unknown as SingletonOptions)
  async work(): Promise<void> {}
}

@Injectable()
class NoMode {
  @Singleton({} as SingletonOptions)
  async work(): Promise<void> {}
}

@Injectable()
class HoldOrder {
  @Singleton({ mode: 'lock', lockAtMostFor: '1s', lockAtLeastFor: '2s' })
  async work(): Promise<void> {}
}

@Injectable()
class Misspelt {
  @Singleton({ mode: 'lock', lockAtMostfor: '1s' } as unknown as SingletonOptions)
  async work(): Promise<void> {}
}

@Injectable()
class ShortLease {
  @Singleton({ mode: 'lock', lockAtMostFor: 150 })
  work(): Observable<number> {
    return of(1);
  }
}

const lockNodes: BulwarkModuleOptions = { lock: { redis: ['redis://127.0.0.1:1', 'redis://127.0.0.1:2', 'redis://127.0.0.1:3'] } };

describe('@Singleton bootstrap validation', () => {
  afterEach(closeApps);

  it.each([
    [
      SyncLock,
      {},
      "SyncLock.total returns a plain value, and @Singleton({ mode: 'lock' }) must wait for the lock's nodes to answer. Make the method async (or return an Observable), or use mode 'leader', which checks leadership synchronously.",
    ],
    [
      Undeclared,
      {},
      "Undeclared.work declares no return type, so @Singleton({ mode: 'lock' }) cannot tell how to hold the lock while it runs. Declare it: `: Promise<T>` or `: Observable<T>` (or make the method async).",
    ],
    [
      LeaderWaits,
      {},
      "LeaderWaits.work @Singleton: LeaderWaits.work @Singleton({ mode: 'leader' }) gives waitTimeout, which only applies to mode 'lock': a leader-only method runs while this instance leads, with no lock per call. Remove waitTimeout, or use mode 'lock'. Change the @Singleton options, or the lock options in BulwarkModule.forRoot().",
    ],
    [
      NoMode,
      {},
      "NoMode.work @Singleton: NoMode.work @Singleton has no mode. Write @Singleton({ mode: 'lock' }) to take a lock per call, or @Singleton({ mode: 'leader' }) to run the method only on the elected leader. Change the @Singleton options, or the lock options in BulwarkModule.forRoot().",
    ],
    [
      HoldOrder,
      {},
      'HoldOrder.work @Singleton: HoldOrder.work @Singleton gives lockAtLeastFor (2000 ms) longer than lockAtMostFor (1000 ms): the lease ends before the lock may be released. Make lockAtLeastFor at most lockAtMostFor. Change the @Singleton options, or the lock options in BulwarkModule.forRoot().',
    ],
    [Misspelt, {}, /^Misspelt.work @Singleton: Unknown option @Singleton.lockAtMostfor.*lockAtMostFor/],
    [
      ShortLease,
      lockNodes,
      'ShortLease.work @Singleton: ShortLease.work @Singleton gives lockAtMostFor 150 ms, but taking a Redis lock needs two rounds of node replies (lock.commandTimeout is 100 ms). Make lockAtMostFor longer than 200 ms, or lower lock.commandTimeout. Change the @Singleton options, or the lock options in BulwarkModule.forRoot().',
    ],
  ] as const)('%o fails bootstrap with a message naming the method and the fix', async (Service, options, message) => {
    await expect(createApp({ imports: [BulwarkModule.forRoot(options)], providers: [Service] })).rejects.toThrow(message);
  });

  it.each([
    [{ lock: { ttl: 0 } }, /BulwarkModule.lock.ttl/],
    [{ lock: { redis: [] } }, /Invalid option BulwarkModule.lock.redis: \[\]\. Expected a redis:\/\/ URL/],
    [{ lock: { election: { lease: '1s', renewDeadline: '2s' } } }, /lease \(1000 ms\) > renewDeadline \(2000 ms\) > retryPeriod \(2000 ms\) must hold/],
    [{ lock: { ...lockNodes.lock, election: { retryPeriod: 50, renewDeadline: 100, lease: 1000 } } }, /Expected more than the lock's commandTimeout \(100 ms\)/],
    [{ lock: { ...lockNodes.lock, ttl: 150 } }, /redisLock.ttl: 150. Expected a duration longer than twice commandTimeout/],
    [{ lock: { elction: {} } }, /Did you mean election\?|did you mean "election"/i],
  ] as const)('rejects lock options %j at bootstrap', async (options, message) => {
    await expect(createApp({ imports: [BulwarkModule.forRoot(options as BulwarkModuleOptions)] })).rejects.toThrow(message);
  });
});
