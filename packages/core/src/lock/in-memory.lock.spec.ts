import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { InvalidOptionError } from '../errors/invalid-option.error.js';
import { InMemoryLock } from './in-memory.lock.js';
import type { LockHandle } from './lock.handle.js';
import { isLockLostError, LockLostError } from './lock-lost.error.js';
import { isLockNotAcquiredError, LockNotAcquiredError } from './lock-not-acquired.error.js';

describe('InMemoryLock', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('refuses a second holder at once when waitTimeout is 0', async () => {
    const lock = new InMemoryLock();
    await lock.acquire('report');
    const refused = lock.acquire('report');
    await expect(refused).rejects.toBeInstanceOf(LockNotAcquiredError);
    await expect(refused).rejects.toMatchObject({ lockName: 'report', reason: 'held', attempts: 1 });
    await expect(refused).rejects.toThrow(
      'Lock "report" was not acquired after 1 attempt in 0 ms: another holder has it. Raise waitTimeout to wait for it, or skip this run.',
    );
    expect(await lock.tryAcquire('report')).toBeUndefined();
    expect(await lock.tryAcquire('other-name')).toBeDefined();
  });

  it('hands the lock to waiters first come, first served', async () => {
    const lock = new InMemoryLock({ waitTimeout: '10s' });
    const first = await lock.acquire('job');
    const order: number[] = [];
    const waiters = [1, 2, 3].map((n) => lock.acquire('job').then((handle) => (order.push(n), handle)));
    await first.release();
    const second = await waiters[0];
    expect(order).toEqual([1]);
    await second.release();
    await (await waiters[1]).release();
    await waiters[2];
    expect(order).toEqual([1, 2, 3]);
  });

  it('gives up waiting after waitTimeout', async () => {
    const lock = new InMemoryLock();
    await lock.acquire('job');
    const waiting = lock.acquire('job', { waitTimeout: '1s' });
    const outcome = waiting.catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(999);
    expect(await Promise.race([outcome, 'pending'])).toBe('pending');
    await vi.advanceTimersByTimeAsync(1);
    expect(await outcome).toMatchObject({ code: 'BULWARK_LOCK_NOT_ACQUIRED', waitedMs: 1_000 });
  });

  it('hands out fencing tokens that strictly increase per name', async () => {
    const lock = new InMemoryLock({ permits: 2 });
    const tokens: number[] = [];
    for (let i = 0; i < 3; i++) {
      const handle = await lock.acquire('a');
      tokens.push(handle.token);
      await handle.release();
    }
    const [x, y] = [await lock.acquire('a'), await lock.acquire('a')];
    expect([...tokens, x.token, y.token]).toEqual([1, 2, 3, 4, 5]);
    expect((await lock.acquire('b')).token).toBe(1);
  });

  it('admits up to `permits` holders at once', async () => {
    const lock = new InMemoryLock({ permits: 2 });
    const held = [await lock.acquire('pool'), await lock.acquire('pool')];
    expect(await lock.tryAcquire('pool')).toBeUndefined();
    await held[0].release();
    expect(await lock.tryAcquire('pool')).toBeDefined();
  });

  it('loses a lease that is not extended automatically after its ttl, aborting the signal first', async () => {
    const lock = new InMemoryLock({ waitTimeout: '1m' });
    const lost = vi.fn();
    lock.onLost(lost);
    const handle = await lock.acquire('job', { ttl: '5s', autoExtend: false });
    const next = lock.acquire('job');
    await vi.advanceTimersByTimeAsync(3_000);
    expect(await handle.extend()).toBe(true);
    expect(handle.remainingMs()).toBe(5_000);
    await vi.advanceTimersByTimeAsync(4_999);
    expect(handle.signal.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(handle.signal.reason).toBeInstanceOf(LockLostError);
    expect(handle.signal.reason).toMatchObject({ reason: 'expired', token: 1 });
    expect(lost).toHaveBeenCalledWith({ name: 'job', token: 1, error: handle.signal.reason });
    expect(handle.held).toBe(false);
    expect(handle.remainingMs()).toBe(0);
    await expect(handle.extend()).rejects.toSatisfy(isLockLostError);
    await expect(handle.release()).resolves.toBeUndefined();
    expect((await next).token).toBe(2);
  });

  it('keeps an automatically extended lease for as long as it is held', async () => {
    const lock = new InMemoryLock({ ttl: '1s' });
    const handle = await lock.acquire('job');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(handle.held).toBe(true);
    expect(handle.remainingMs()).toBe(Infinity);
    await handle.release();
    expect(handle.signal.aborted).toBe(false);
    expect(await handle.extend()).toBe(false);
  });

  it('keeps the lock taken until minHold after acquisition', async () => {
    const lock = new InMemoryLock();
    const handle = await lock.acquire('daily', { minHold: '10s' });
    await vi.advanceTimersByTimeAsync(4_000);
    await handle.release();
    expect(await lock.tryAcquire('daily')).toBeUndefined();
    await vi.advanceTimersByTimeAsync(6_000);
    expect(await lock.tryAcquire('daily')).toBeDefined();
  });

  it('stops waiting when the caller aborts, and the next waiter is served', async () => {
    const lock = new InMemoryLock({ waitTimeout: '1m' });
    const holder = await lock.acquire('job');
    const controller = new AbortController();
    const abandoned = lock.acquire('job', { signal: controller.signal });
    const patient = lock.acquire('job');
    controller.abort(new Error('shutting down'));
    await expect(abandoned).rejects.toThrow('shutting down');
    await holder.release();
    expect((await patient).token).toBe(2);
    await expect(lock.acquire('other', { signal: controller.signal })).rejects.toThrow('shutting down');
  });

  it('emits acquired and released with the wait and hold times', async () => {
    const lock = new InMemoryLock({ waitTimeout: '1m' });
    const events: unknown[] = [];
    lock.onAcquired((event) => events.push(['acquired', event]));
    lock.onReleased((event) => events.push(['released', event]));
    const first = await lock.acquire('job');
    const second = lock.acquire('job');
    await vi.advanceTimersByTimeAsync(250);
    await first.release();
    await (await second).release();
    expect(events).toEqual([
      ['acquired', { name: 'job', token: 1, waitedMs: 0 }],
      ['released', { name: 'job', token: 1, heldMs: 250 }],
      ['acquired', { name: 'job', token: 2, waitedMs: 250 }],
      ['released', { name: 'job', token: 2, heldMs: 0 }],
    ]);
  });

  it('validates options at construction and per call', async () => {
    expect(() => new InMemoryLock({ tll: '1s' } as never)).toThrow('Unknown option inMemoryLock.tll. Did you mean "ttl"?');
    expect(() => new InMemoryLock({ permits: 0 })).toThrow(InvalidOptionError);
    await expect(new InMemoryLock().acquire('x', { ttl: 0 })).rejects.toThrow(/Invalid option inMemoryLock\.acquire\.ttl: 0\. Expected a finite duration, at least 1 ms/);
    const handle = await new InMemoryLock().acquire('x');
    await expect(handle.extend(-1 as never)).rejects.toThrow(/Invalid option inMemoryLock\.extend\.ttl: -1/);
  });
});

describe('Lock.using', () => {
  it('runs the work with the handle and releases afterwards', async () => {
    const lock = new InMemoryLock();
    const seen: LockHandle[] = [];
    expect(await lock.using('job', (handle) => (seen.push(handle), 42))).toBe(42);
    expect(seen[0].held).toBe(false);
    expect(await lock.tryAcquire('job')).toBeDefined();
  });

  it('releases when the work throws, and rethrows its error', async () => {
    const lock = new InMemoryLock();
    await expect(lock.using('job', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await lock.tryAcquire('job')).toBeDefined();
  });

  it('rejects with the LockLostError when the lease was lost while the work ran', async () => {
    vi.useFakeTimers();
    try {
      const lock = new InMemoryLock({ ttl: '1s', autoExtend: false });
      const running = lock.using('job', ({ signal }) => new Promise((resolve) => signal.addEventListener('abort', () => resolve('late result'))));
      const outcome = running.catch((error: unknown) => error);
      await vi.advanceTimersByTimeAsync(1_000);
      expect(await outcome).toMatchObject({ code: 'BULWARK_LOCK_LOST', reason: 'expired' });
    } finally {
      vi.useRealTimers();
    }
  });

  it('propagates LockNotAcquiredError without running the work', async () => {
    const lock = new InMemoryLock();
    await lock.acquire('job');
    const work = vi.fn();
    await expect(lock.using('job', work)).rejects.toSatisfy(isLockNotAcquiredError);
    expect(work).not.toHaveBeenCalled();
  });
});
