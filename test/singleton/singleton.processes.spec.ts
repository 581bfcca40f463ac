import { setTimeout as delay } from 'node:timers/promises';
import { LEADER_ELECTION_FAST } from '@bulwark/core';
import { useRedisServers } from '@bulwark/test/support';
import type { Redis } from 'ioredis';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { killInstances, startInstance, warmTranspileCache, type ChildEvent, type Instance } from './fixtures/instances.js';
import type { ChildSettings } from './fixtures/child.settings.js';

const { lease, renewDeadline, retryPeriod, retryJitter } = LEADER_ELECTION_FAST;
/** A leader that dies without resigning is replaced within this (the DESIGN's bound). */
const FAILOVER_BOUND = lease + (1 + retryJitter) * retryPeriod + 100;
let serial = 0;

interface Write {
  readonly pid: number;
  readonly token: number;
  readonly accepted: boolean;
  /** When the work that made the write began (the write itself is at `at`, 100 ms later). */
  readonly startedAt: number;
  readonly at: number;
}

describe('@Singleton across separate OS processes', () => {
  const nodes = useRedisServers(5);
  const recorders = useRedisServers(1);
  let recorder: Redis;

  beforeAll(async () => {
    recorder = recorders[0].client();
    await warmTranspileCache();
  }, 60_000);

  afterEach(async () => {
    killInstances();
    await Promise.all(nodes.map((node) => node.restart()));
    await recorder.flushall();
  });

  const urls = (count: number) => nodes.slice(0, count).map((node) => node.url);

  async function startAll(count: number, settings: Omit<ChildSettings, 'recorder' | 'tag'>): Promise<Instance[]> {
    const tag = `t${++serial}`;
    const instances = Array.from({ length: count }, () => startInstance({ ...settings, tag, recorder: recorders[0].url }));
    await Promise.all(instances.map((instance) => instance.next((event) => event.type === 'ready')));
    return instances;
  }

  const list = async <T>(key: string): Promise<T[]> => (await recorder.lrange(key, 0, -1)).map((line) => JSON.parse(line) as T);

  /** Waits for the first recorded leader write that `match` accepts. */
  const write = (match: (write: Write) => boolean, timeout = 5_000): Promise<Write> =>
    vi.waitFor(
      async () => {
        const found = (await list<Write>('writes')).find(match);
        if (!found) throw new Error('no such write yet');
        return found;
      },
      { timeout, interval: 5 },
    );

  const leaderAmong = async (instances: Instance[]): Promise<{ leader: Instance; elected: ChildEvent }> => {
    const elected = await Promise.any(instances.map((instance) => instance.next((event) => event.type === 'elected')));
    return { leader: instances.find(({ pid }) => pid === elected.pid)!, elected };
  };

  it('never runs lock-mode calls from 4 processes at once, and runs every one (the unguarded control overlaps)', async () => {
    const instances = await startAll(4, { scenario: 'lock', nodes: urls(3), calls: 8 });
    for (const instance of instances) instance.send('go');
    await Promise.all(instances.map((instance) => instance.next((event) => event.type === 'done', 30_000)));

    type Run = { pid: number; token: number; inside: number; start: number; end: number };
    const runs = (await list<Run>('exclusive:runs')).sort((a, b) => a.token - b.token);
    expect(runs).toHaveLength(32);
    expect(new Set(runs.map(({ pid }) => pid)).size).toBe(4);
    expect(Math.max(...runs.map(({ inside }) => inside))).toBe(1);
    // In token order, every run starts after the previous one ended: tokens follow real time.
    runs.slice(1).forEach((run, i) => expect(run.start).toBeGreaterThanOrEqual(runs[i].end));
    const control = await list<Run>('unguarded:runs');
    expect(control).toHaveLength(32);
    expect(Math.max(...control.map(({ inside }) => inside))).toBeGreaterThan(1);
  });

  it('replaces a SIGKILLed leader within lease + 1.2 × retry + 100 ms, and hands over within one retry period on SIGTERM', async () => {
    const instances = await startAll(3, { scenario: 'leader', nodes: urls(3), election: LEADER_ELECTION_FAST });
    const { leader, elected } = await leaderAmong(instances);
    await write((w) => w.pid === leader.pid);

    leader.child.kill('SIGKILL');
    const killedAt = Date.now();
    const taken = await write((w) => w.pid !== leader.pid);
    expect(taken.at - killedAt).toBeLessThan(FAILOVER_BOUND);
    expect(taken.token).toBeGreaterThan(elected.token!);

    const second = instances.find(({ pid }) => pid === taken.pid)!;
    second.child.kill('SIGTERM');
    const terminatedAt = Date.now();
    const handedOver = await write((w) => w.pid !== leader.pid && w.pid !== second.pid);
    expect(handedOver.at - terminatedAt).toBeLessThan(retryPeriod);
    expect(await second.next((event) => event.type === 'revoked')).toMatchObject({ reason: 'resigned' });
    expect((await list<Write>('writes')).every((w) => w.accepted)).toBe(true);
  });

  it('rejects, by fencing token, the writes a leader paused past its lease makes after it resumes', async () => {
    const instances = await startAll(3, { scenario: 'leader', nodes: urls(3), election: LEADER_ELECTION_FAST });
    const { leader } = await leaderAmong(instances);
    await write((w) => w.pid === leader.pid);

    leader.child.kill('SIGSTOP');
    const pausedAt = Date.now();
    const successor = await write((w) => w.pid !== leader.pid);
    await write((w) => w.pid === successor.pid && w.at > successor.at + 100);
    leader.child.kill('SIGCONT');
    const resumedAt = Date.now();
    await write((w) => w.pid === leader.pid && w.at >= resumedAt);
    await leader.next((event) => event.type === 'revoked');

    // The successor was elected while the old leader was paused: its lease had run out.
    expect(successor.at).toBeLessThan(resumedAt);
    const writes = await list<Write>('writes');
    const stale = writes.filter((w) => w.pid === leader.pid && w.at >= resumedAt);
    expect(stale.length).toBeGreaterThan(0);
    expect(stale.every((w) => !w.accepted && w.token < successor.token)).toBe(true);
    expect(writes.filter((w) => w.pid === leader.pid && w.at < pausedAt).every((w) => w.accepted)).toBe(true);
    expect(writes.filter((w) => w.pid === successor.pid).every((w) => w.accepted)).toBe(true);
  });

  it('runs a @Cron + @Singleton job once per tick across 3 instances, whichever decorator comes first', async () => {
    const instances = await startAll(3, { scenario: 'cron', nodes: urls(3) });
    const allReady = Math.max(...instances.map((instance) => instance.events.find((event) => event.type === 'ready')!.at!));
    const first = Math.ceil(allReady / 1_000) + 1;
    const seconds = [first, first + 1, first + 2];
    type Tick = { job: string; pid: number; second: number };
    // Read once every instance has recorded an unguarded tick two seconds past the window: on a
    // loaded machine a timer or a write can be late, and a fixed wait would miss the last tick.
    await vi.waitFor(
      async () => {
        const late = (await list<Tick>('ticks')).filter((tick) => tick.job === 'unguarded' && tick.second >= first + 4);
        if (new Set(late.map(({ pid }) => pid)).size < instances.length) throw new Error('the window is not over on every instance yet');
      },
      { timeout: (first + 8) * 1_000 - Date.now(), interval: 50 },
    );

    const ticks = (await list<Tick>('ticks')).filter(({ second }) => seconds.includes(second));
    const perSecond = (job: string) => seconds.map((second) => ticks.filter((tick) => tick.job === job && tick.second === second).length);
    expect(perSecond('outer')).toEqual([1, 1, 1]);
    expect(perSecond('inner')).toEqual([1, 1, 1]);
    expect(perSecond('unguarded')).toEqual([3, 3, 3]);
  });

  it('keeps its leader through the loss of 2 of 5 nodes, and steps it down before its lease ends when a majority is lost', async () => {
    const instances = await startAll(3, { scenario: 'leader', nodes: urls(5), election: LEADER_ELECTION_FAST });
    const { leader, elected } = await leaderAmong(instances);
    await write((w) => w.pid === leader.pid);

    await Promise.all([nodes[3].crash(), nodes[4].crash()]);
    const minorityLostAt = Date.now();
    // A write after a whole lease has passed shows the leader kept renewing on the 3 nodes left.
    await write((w) => w.at > minorityLostAt + lease + 2 * retryPeriod, 2 * lease + 1_000);
    const meanwhile = (await list<Write>('writes')).filter((w) => w.at >= minorityLostAt);
    expect(new Set(meanwhile.map(({ pid, token }) => `${pid}:${token}`))).toEqual(new Set([`${leader.pid}:${elected.token}`]));

    await nodes[2].crash();
    const majorityLostAt = Date.now();
    const revoked = await leader.next((event) => event.type === 'revoked', 2 * lease);
    expect(revoked.reason).toBe('renew-deadline');
    // Its last renewal was at most one jittered retry period before the majority was lost, and
    // its lease runs `lease` from that renewal: it stepped down with time to spare.
    expect(revoked.at! - majorityLostAt).toBeLessThan(lease - (1 + retryJitter) * retryPeriod);
    expect(revoked.at! - majorityLostAt).toBeLessThan(renewDeadline + 150);
    // Without a majority nobody can lead: no write starts after the step-down.
    await delay(lease);
    expect((await list<Write>('writes')).filter((w) => w.startedAt > revoked.at!)).toEqual([]);
  });
});
