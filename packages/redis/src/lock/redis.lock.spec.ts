import { afterEach, describe, expect, it } from 'vitest';
import { InMemoryLock, isLockLostError, isLockNotAcquiredError, LockReleaseFailedError, type Lock } from '@bulwark/core';
import { useRedisServers } from '@bulwark/test/support';
import { fencedGet, fencedSet } from './fenced-set.js';
import { RedisLock } from './redis.lock.js';
import type { RedisLockOptions } from './redis-lock.options.js';

const servers = useRedisServers(5);
let serial = 0;
const uniqueName = (): string => `job-${++serial}`;
const lockKey = (name: string): string => `bulwark:lock:{${name}}`;

function lockOn(count: number, options?: RedisLockOptions): RedisLock {
  return new RedisLock(
    servers.slice(0, count).map((server) => server.client()),
    { commandTimeout: 50, retryDelay: 10, ...options },
  );
}

/** Records who is inside the critical section, and any moment two holders were. */
class OverlapRecorder {
  readonly overlaps: Array<[number, number]> = [];
  readonly entries: number[] = [];
  private inside: number | undefined;

  enter(token: number): void {
    if (this.inside !== undefined) this.overlaps.push([this.inside, token]);
    this.inside = token;
    this.entries.push(token);
  }

  exit(token: number): void {
    if (this.inside === token) this.inside = undefined;
  }
}

/** 8 contenders, 5 rounds each, do a read-modify-write of a shared counter under the lock. */
async function contend(makeLock: () => Lock, recorder: OverlapRecorder): Promise<number> {
  const name = uniqueName();
  const counter = servers[0].client();
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      const lock = makeLock();
      for (let round = 0; round < 5; round++) {
        await lock.using(name, async ({ token }) => {
          recorder.enter(token);
          const value = Number((await counter.get(`counter:${name}`)) ?? 0);
          await counter.set(`counter:${name}`, value + 1);
          recorder.exit(token);
        });
      }
    }),
  );
  return Number(await counter.get(`counter:${name}`));
}

afterEach(() => {
  for (const server of servers) server.resume();
});

describe.each([3, 5])('RedisLock over %i nodes', (nodes) => {
  it('never lets two of 8 contenders hold the lock at once, and tokens follow the order of entry', async () => {
    const recorder = new OverlapRecorder();
    const total = await contend(() => lockOn(nodes, { waitTimeout: '15s' }), recorder);
    expect(recorder.overlaps).toEqual([]);
    expect(total).toBe(40);
    expect(recorder.entries).toEqual([...recorder.entries].sort((a, b) => a - b));
    expect(new Set(recorder.entries).size).toBe(40);
  });

  it('acquires with a bare majority of free nodes and refuses when a majority is taken', async () => {
    const name = uniqueName();
    const majority = Math.floor(nodes / 2) + 1;
    const takeOn = (count: number) => Promise.all(servers.slice(0, count).map((server) => server.client().set(lockKey(name), 'x:someone', 'PX', 10_000)));
    await takeOn(nodes - majority);
    const handle = await lockOn(nodes).acquire(name);
    await handle.release();
    await takeOn(nodes - majority + 1);
    const refused = lockOn(nodes).acquire(name);
    await expect(refused).rejects.toMatchObject({ code: 'BULWARK_LOCK_NOT_ACQUIRED', reason: 'held', attempts: 1 });
  });
});

describe('RedisLock', () => {
  it('is a proof that the overlap recorder catches a lock that does not exclude', async () => {
    const recorder = new OverlapRecorder();
    const shared = new InMemoryLock({ permits: 8 });
    await contend(() => shared, recorder);
    expect(recorder.overlaps.length).toBeGreaterThan(0);
  });

  it('fails fast as unavailable when only a minority of nodes answers', async () => {
    servers[1].pause();
    servers[2].pause();
    const started = performance.now();
    await expect(lockOn(3).acquire(uniqueName())).rejects.toMatchObject({ reason: 'unavailable' });
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('is not blocked by a node paused (SIGSTOP) beyond the command timeout', async () => {
    // 150 ms rather than 50: on a loaded 2-core machine a live node may take longer than 50 ms.
    const lock = lockOn(3, { commandTimeout: 150 });
    servers[2].pause();
    const started = performance.now();
    const handle = await lock.acquire(uniqueName(), { ttl: '10s' });
    expect(performance.now() - started).toBeLessThan(700);
    expect(handle.remainingMs()).toBeGreaterThan(9_000);
    await handle.release();
  });

  it('hands out strictly increasing tokens while different majorities answer', async () => {
    const name = uniqueName();
    // Retries within 2 s absorb a live node that answers late on a loaded machine.
    const [first, second] = [lockOn(5, { commandTimeout: 150 }), lockOn(5, { commandTimeout: 150 })];
    const tokens: number[] = [];
    for (let round = 0; round < 10; round++) {
      const down = [servers[round % 5], servers[(round + 2) % 5]];
      for (const server of down) server.pause();
      const handle = await (round % 2 ? first : second).acquire(name, { waitTimeout: '2s' });
      tokens.push(handle.token);
      await handle.release();
      for (const server of down) server.resume();
    }
    expect(tokens).toEqual([...tokens].sort((a, b) => a - b));
    expect(new Set(tokens).size).toBe(tokens.length);
    const fences = await Promise.all(servers.map(async (server) => Number(await server.client().get(`${lockKey(name)}:fence`))));
    expect(Math.max(...fences)).toBe(tokens.at(-1));
  });

  it('keeps the lock by renewing it while the work runs, past several ttls', async () => {
    const name = uniqueName();
    const handle = await lockOn(3).acquire(name, { ttl: 300 });
    const contender = lockOn(3).acquire(name, { waitTimeout: 1_200 });
    await expect(contender).rejects.toSatisfy(isLockNotAcquiredError);
    expect(handle.signal.aborted).toBe(false);
    await handle.release();
    await expect(lockOn(3).acquire(name)).resolves.toMatchObject({ token: handle.token + 1 });
  });

  it('aborts the signal before the lease can expire when a majority of nodes is lost', async () => {
    const lock = lockOn(3);
    const lost: unknown[] = [];
    lock.onLost((event) => lost.push(event));
    const started = performance.now();
    const handle = await lock.acquire(uniqueName(), { ttl: 600 });
    servers[0].pause();
    servers[1].pause();
    await new Promise((resolve) => handle.signal.addEventListener('abort', resolve));
    const abortedAfter = performance.now() - started;
    expect(abortedAfter).toBeGreaterThanOrEqual(200);
    expect(abortedAfter).toBeLessThan(600);
    expect(handle.signal.reason).toMatchObject({ code: 'BULWARK_LOCK_LOST', reason: 'expired' });
    expect(lost).toEqual([{ name: handle.name, token: handle.token, error: handle.signal.reason }]);
    await expect(handle.extend()).rejects.toSatisfy(isLockLostError);
  });

  it('reports a lease held by someone else on a majority as lost when extending', async () => {
    const name = uniqueName();
    const handle = await lockOn(3).acquire(name, { autoExtend: false });
    await Promise.all(servers.slice(0, 2).map((server) => server.client().set(lockKey(name), 'someone else', 'PX', 10_000)));
    await expect(handle.extend()).rejects.toMatchObject({ reason: 'not-owner' });
    expect(handle.signal.aborted).toBe(true);
  });

  it('takes back a node where its lease went missing, so it keeps the lock through any one node failing', async () => {
    const name = uniqueName();
    // 150 ms rather than 50: on a loaded 2-core machine a live node may take longer than 50 ms.
    const handle = await lockOn(3, { commandTimeout: 150 }).acquire(name, { autoExtend: false });
    // Node 1 restarted empty (or a rival held it when this lease won the other two).
    await servers[1].client().del(lockKey(name), `${lockKey(name)}:fence`);
    await expect(handle.extend()).resolves.toBe(true);
    expect(Number(await servers[1].client().get(`${lockKey(name)}:fence`))).toBe(handle.token);
    servers[2].pause();
    try {
      await expect(handle.extend()).resolves.toBe(true);
    } finally {
      servers[2].resume();
    }
  });

  it('counts the release of a key that is already gone as success', async () => {
    const name = uniqueName();
    const lock = lockOn(3);
    const released: unknown[] = [];
    lock.onReleased((event) => released.push(event));
    const handle = await lock.acquire(name);
    await Promise.all(servers.slice(0, 3).map((server) => server.client().del(lockKey(name))));
    await expect(handle.release()).resolves.toBeUndefined();
    expect(released).toEqual([{ name, token: handle.token, heldMs: expect.any(Number) }]);
  });

  it('fails a release that a majority cannot confirm, naming the count', async () => {
    const lock = lockOn(3);
    const failed: unknown[] = [];
    lock.onReleaseFailed((event) => failed.push(event));
    const handle = await lock.acquire(uniqueName(), { ttl: '5s' });
    servers[1].pause();
    servers[2].pause();
    const release = handle.release();
    await expect(release).rejects.toBeInstanceOf(LockReleaseFailedError);
    await expect(release).rejects.toThrow('only 1 of 3 nodes confirmed, and a majority of 2 is needed. It expires on its own within its ttl (5000 ms)');
    expect(failed).toHaveLength(1);
  });

  it('keeps the lock until minHold after acquisition', async () => {
    const name = uniqueName();
    const handle = await lockOn(3).acquire(name, { minHold: '5s' });
    await handle.release();
    expect(await lockOn(3).tryAcquire(name)).toBeUndefined();
    const ttl = await servers[0].client().pttl(lockKey(name));
    expect(ttl).toBeGreaterThan(4_000);
    expect(ttl).toBeLessThanOrEqual(5_000);
  });

  it('stops waiting when the caller aborts', async () => {
    const name = uniqueName();
    await lockOn(3).acquire(name);
    const controller = new AbortController();
    const waiting = lockOn(3).acquire(name, { waitTimeout: '1m', signal: controller.signal });
    setTimeout(() => controller.abort(new Error('shutdown')), 30);
    await expect(waiting).rejects.toThrow('shutdown');
  });

  it('tells who holds a lock', async () => {
    const name = uniqueName();
    const lock = lockOn(3, { owner: 'api-7' });
    expect(await lock.holder(name)).toBeUndefined();
    await lock.acquire(name);
    expect(await lock.holder(name)).toBe('api-7');
  });

  it('validates its options at construction', () => {
    expect(() => new RedisLock([])).toThrow('Invalid redisLock.clients: no Redis clients.');
    expect(() => lockOn(3, { ttl: 100 })).toThrow(
      'Invalid option redisLock.ttl: 100. Expected a duration longer than twice commandTimeout (100 ms), since acquiring takes two rounds of node replies.',
    );
    expect(() => lockOn(3, { driftFactr: 0.1 } as never)).toThrow('Unknown option redisLock.driftFactr. Did you mean "driftFactor"?');
  });
});

describe('fencedSet', () => {
  it('refuses a write with a token older than the last one written', async () => {
    const client = servers[0].client();
    const key = `fenced:${uniqueName()}`;
    expect(await fencedSet(client, key, 5, 'five')).toBe(true);
    expect(await fencedSet(client, key, 4, 'stale')).toBe(false);
    expect(await fencedSet(client, key, 5, 'five again')).toBe(true);
    expect(await fencedGet(client, key)).toEqual({ token: 5, value: 'five again' });
    expect(await fencedSet(client, key, 6, 'six', { ttl: '1m' })).toBe(true);
    expect(await client.pttl(key)).toBeGreaterThan(50_000);
    await expect(fencedSet(client, key, -1, 'x')).rejects.toThrow('Invalid fencing token for fencedSet: -1.');
  });

  it('rejects a holder whose lease ran out once the next holder has written', async () => {
    const name = uniqueName();
    const key = `fenced:${name}`;
    const client = servers[3].client();
    const paused = await lockOn(3).acquire(name, { ttl: 300, autoExtend: false });
    await new Promise((resolve) => paused.signal.addEventListener('abort', resolve));
    const next = await lockOn(3).acquire(name, { waitTimeout: '2s' });
    expect(next.token).toBeGreaterThan(paused.token);
    expect(await fencedSet(client, key, next.token, 'from the current holder')).toBe(true);
    expect(await fencedSet(client, key, paused.token, 'from the paused holder')).toBe(false);
    expect(await fencedGet(client, key)).toEqual({ token: next.token, value: 'from the current holder' });
  });
});
