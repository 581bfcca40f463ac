import { isLockLostError, isLockNotAcquiredError, type LockNotAcquiredError } from '@bulwark/core';
import { Injectable } from '@nestjs/common';
import { Observable, firstValueFrom, lastValueFrom, toArray } from 'rxjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BulwarkLocks, BulwarkModule, Cacheable, Retry, Singleton, SingletonContext, type SingletonRun } from '../src/index.js';
import { closeApps, createApp } from './testing-app.js';

/** A promise the test settles by hand, to keep a method running. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

@Injectable()
class Jobs {
  runs = 0;
  seen: Array<SingletonRun | undefined> = [];
  hold: Promise<void> = Promise.resolve();

  constructor(readonly context: SingletonContext) {}

  @Singleton({ mode: 'lock', skipResult: 'skipped' })
  async report(): Promise<string> {
    this.runs++;
    this.seen.push(this.context.current());
    await this.hold;
    return 'done';
  }

  @Singleton({ mode: 'lock', name: 'report-strict', onLocked: 'throw' })
  async strict(): Promise<string> {
    await this.hold;
    return 'done';
  }

  @Singleton({ mode: 'lock', name: 'report-patient', waitTimeout: '5s' })
  async patient(id: number): Promise<number> {
    this.runs++;
    await this.hold;
    return id;
  }

  @Singleton({ mode: 'lock', name: 'at-least', lockAtLeastFor: '1s', skipResult: 'skipped' })
  async fast(): Promise<string> {
    return 'ran';
  }

  @Singleton({ mode: 'lock', name: 'at-most', lockAtMostFor: '1s' })
  async slow(): Promise<string> {
    const { signal } = this.context.current()!;
    this.seen.push(this.context.current());
    await this.hold;
    return signal.aborted ? 'finished after the lease ended' : 'in time';
  }

  @Singleton({ mode: 'lock', name: 'stream' })
  values(): Observable<number> {
    return new Observable<number>((subscriber) => {
      this.runs++;
      subscriber.next(this.context.current()!.token);
      void this.hold.then(() => {
        subscriber.next(-1);
        subscriber.complete();
      });
    });
  }
}

@Injectable()
class Leader {
  constructor(readonly context: SingletonContext) {}

  @Singleton({ mode: 'leader', skipResult: -1 })
  tick(): number {
    return this.context.current()!.token;
  }

  @Singleton({ mode: 'leader', onLocked: 'throw' })
  async publish(): Promise<SingletonRun | undefined> {
    return this.context.current();
  }
}

@Injectable()
class Streams {
  constructor(readonly context: SingletonContext) {}

  /** Emits the term's token, then never completes. */
  @Singleton({ mode: 'leader' })
  ticks(): Observable<number> {
    return new Observable<number>((subscriber) => subscriber.next(this.context.current()!.token));
  }

  /** Emits the lease's token, then never completes; the lease ends after 1 s. */
  @Singleton({ mode: 'lock', lockAtMostFor: '1s' })
  held(): Observable<number> {
    return new Observable<number>((subscriber) => subscriber.next(this.context.current()!.token));
  }
}

@Injectable()
class Stacked {
  loads = 0;
  attempts = 0;

  @Retry({ maxAttempts: 3, delay: 0, jitter: 'none' })
  @Cacheable({ name: 'stacked', ttl: '1h' })
  @Singleton({ mode: 'lock', skipResult: 'skipped' })
  async load(fail: boolean): Promise<string> {
    this.attempts++;
    if (fail && this.attempts < 3) throw new Error('flaky');
    this.loads++;
    return `loaded ${this.loads}`;
  }
}

describe('@Singleton in one process (in-memory lock and elector)', () => {
  afterEach(async () => {
    vi.useRealTimers();
    await closeApps();
  });

  const start = async () => {
    const app = await createApp({ imports: [BulwarkModule.forRoot()], providers: [Jobs, Leader, Stacked, Streams] });
    return { app, jobs: app.get(Jobs), leader: app.get(Leader) };
  };

  it('runs one lock-mode call at a time: a call while the lock is held is skipped with skipResult', async () => {
    const { jobs } = await start();
    const running = gate();
    jobs.hold = running.promise;
    const first = jobs.report();
    expect(await jobs.report()).toBe('skipped');
    running.open();
    expect(await first).toBe('done');
    expect(await jobs.report()).toBe('done');
    expect(jobs.runs).toBe(2);
  });

  it('gives the running method its lock name, fencing token and signal, and nothing outside a run', async () => {
    const { jobs } = await start();
    await jobs.report();
    await jobs.report();
    expect(jobs.seen).toEqual([
      { mode: 'lock', name: 'Jobs.report', token: 1, signal: expect.any(AbortSignal) },
      { mode: 'lock', name: 'Jobs.report', token: 2, signal: expect.any(AbortSignal) },
    ]);
    expect(jobs.context.current()).toBeUndefined();
  });

  it("rejects with LockNotAcquiredError when onLocked is 'throw'", async () => {
    const { jobs } = await start();
    const running = gate();
    jobs.hold = running.promise;
    const first = jobs.strict();
    const error = (await jobs.strict().catch((e: unknown) => e)) as LockNotAcquiredError;
    expect(isLockNotAcquiredError(error)).toBe(true);
    expect(error.message).toBe('Lock "report-strict" was not acquired after 1 attempt in 0 ms: another holder has it. Raise waitTimeout to wait for it, or skip this run.');
    running.open();
    await first;
  });

  it('reports every refused call on BulwarkLocks.onRefused', async () => {
    const { app, jobs } = await start();
    const refused = vi.fn();
    app.get(BulwarkLocks).onRefused(refused);
    const running = gate();
    jobs.hold = running.promise;
    const first = jobs.report();
    await jobs.report();
    running.open();
    await first;
    expect(refused).toHaveBeenCalledExactlyOnceWith({ method: 'Jobs.report', mode: 'lock', name: 'Jobs.report', reason: 'held' });
  });

  it('waits up to waitTimeout for the lock, then runs', async () => {
    const { jobs } = await start();
    const running = gate();
    jobs.hold = running.promise;
    const calls = [jobs.patient(1), jobs.patient(2)];
    await vi.waitFor(() => expect(jobs.runs).toBe(1));
    running.open();
    expect(await Promise.all(calls)).toEqual([1, 2]);
    expect(jobs.runs).toBe(2);
  });

  it('keeps the lock for lockAtLeastFor after a fast run, so the next one in that window is skipped', async () => {
    vi.useFakeTimers();
    const { jobs } = await start();
    expect(await jobs.fast()).toBe('ran');
    await vi.advanceTimersByTimeAsync(999);
    expect(await jobs.fast()).toBe('skipped');
    await vi.advanceTimersByTimeAsync(1);
    expect(await jobs.fast()).toBe('ran');
  });

  it('ends the lease after lockAtMostFor: the signal aborts and the call rejects with LockLostError once the method settles', async () => {
    vi.useFakeTimers();
    const { jobs } = await start();
    const running = gate();
    jobs.hold = running.promise;
    const outcome = jobs.slow().catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(1_000);
    const { signal } = jobs.seen[0]!;
    expect(signal.aborted).toBe(true);
    running.open();
    const error = await outcome;
    expect(isLockLostError(error)).toBe(true);
    expect(error).toMatchObject({ lockName: 'at-most', token: 1, reason: 'expired' });
    // The lock is free again for the next run.
    jobs.hold = Promise.resolve();
    expect(await jobs.slow()).toBe('in time');
  });

  it('holds the lock per subscription for an Observable method, passing values through', async () => {
    const { jobs } = await start();
    const running = gate();
    jobs.hold = running.promise;
    const first = lastValueFrom(jobs.values().pipe(toArray()));
    await vi.waitFor(() => expect(jobs.runs).toBe(1));
    // Held by the first subscription: a second one is skipped and completes without a value.
    expect(await lastValueFrom(jobs.values().pipe(toArray()))).toEqual([]);
    running.open();
    expect(await first).toEqual([1, -1]);
    expect(await firstValueFrom(jobs.values())).toBe(2);
  });

  it('releases the lock when an Observable subscriber unsubscribes', async () => {
    const { jobs } = await start();
    jobs.hold = new Promise(() => {});
    const subscription = jobs.values().subscribe();
    await vi.waitFor(() => expect(jobs.runs).toBe(1));
    subscription.unsubscribe();
    await vi.waitFor(async () => expect(await firstValueFrom(jobs.values())).toBe(2));
  });

  it('runs a leader-only method, synchronously, on the in-process elector: this instance always leads', async () => {
    const { app, leader } = await start();
    expect(leader.tick()).toBe(1);
    expect(await leader.publish()).toEqual({ mode: 'leader', name: 'bulwark', token: 1, signal: expect.any(AbortSignal) });
    expect(app.get(BulwarkLocks).elections().map(({ name, elector }) => [name, elector.isLeader()])).toEqual([['bulwark', true]]);
  });

  it('skips, or refuses, leader-only calls once the elector has resigned at shutdown', async () => {
    const { app, leader } = await start();
    await app.close();
    expect(leader.tick()).toBe(-1);
    const error = await leader.publish().catch((e: unknown) => e);
    expect(isLockNotAcquiredError(error)).toBe(true);
    expect(error).toMatchObject({ lockName: 'leader:bulwark', reason: 'unavailable' });
  });

  it('cuts a leader-only Observable at once when the term ends, erroring with LockLostError', async () => {
    const { app } = await start();
    const values: number[] = [];
    const ended = new Promise<unknown>((resolve) => app.get(Streams).ticks().subscribe({ next: (value) => values.push(value), error: resolve }));
    await app.close();
    expect(await ended).toMatchObject({ code: 'BULWARK_LOCK_LOST', lockName: 'bulwark', reason: 'resigned' });
    expect(values).toEqual([1]);
  });

  it('cuts a lock-mode Observable when its lease ends, erroring with LockLostError, and frees the lock', async () => {
    vi.useFakeTimers();
    const { app } = await start();
    const streams = app.get(Streams);
    const ended = new Promise<unknown>((resolve) => streams.held().subscribe({ error: resolve }));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await ended).toMatchObject({ code: 'BULWARK_LOCK_LOST', lockName: 'Streams.held', reason: 'expired' });
    expect(await firstValueFrom(streams.held())).toBe(2);
  });

  it('keeps two applications in one process apart: each has its own in-process lock and context', async () => {
    const [first, second] = [await start(), await start()];
    const running = gate();
    first.jobs.hold = running.promise;
    const held = first.jobs.report();
    expect(await second.jobs.report()).toBe('done');
    running.open();
    expect(await held).toBe('done');
    expect(second.jobs.seen[0]).toMatchObject({ token: 1 });
  });

  it('is the outermost layer: a skipped call consults no cache, and retries run inside one hold of the lock', async () => {
    const { app } = await start();
    const stacked = app.get(Stacked);
    const acquired = vi.fn();
    app.get(BulwarkLocks).lock.onAcquired(acquired);
    expect(await stacked.load(true)).toBe('loaded 1');
    expect(stacked.attempts).toBe(3);
    expect(acquired).toHaveBeenCalledTimes(1);
    // The cache answers the same call, but still inside the lock.
    expect(await stacked.load(true)).toBe('loaded 1');
    expect(acquired).toHaveBeenCalledTimes(2);
  });
});
