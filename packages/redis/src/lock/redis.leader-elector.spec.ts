import { afterEach, describe, expect, it, vi } from 'vitest';
import { LEADER_ELECTION_FAST, type ElectedEvent, type LeaderElectionTimingOptions, type RevokedEvent } from '@bulwark/core';
import { useRedisServers } from '@bulwark/test/support';
import { RedisLeaderElector } from './redis.leader-elector.js';
import { RedisLock } from './redis.lock.js';

const servers = useRedisServers(3);
const { lease, retryPeriod, renewDeadline } = LEADER_ELECTION_FAST;
const JITTERED_RETRY = retryPeriod * 1.2;
const COMMAND_TIMEOUT = 50;
let serial = 0;

interface Candidate {
  readonly elector: RedisLeaderElector;
  readonly lock: RedisLock;
}

/** Every term of every elector in a test, in the order the electors announced them. */
class TermLog {
  readonly events: Array<{ readonly type: 'elected' | 'revoked'; readonly id: string; readonly at: number; readonly event: ElectedEvent | RevokedEvent }> = [];
  private leaders = new Set<string>();
  maxConcurrentLeaders = 0;

  watch({ elector }: Candidate): void {
    elector.onElected((event) => this.record('elected', event));
    elector.onRevoked((event) => this.record('revoked', event));
  }

  /** Resolves with the next election among the candidates. */
  nextElected(): Promise<{ id: string; at: number }> {
    const from = this.events.length;
    return vi.waitFor(
      () => {
        const found = this.events.slice(from).find((entry) => entry.type === 'elected');
        if (!found) throw new Error('no election yet');
        return found;
      },
      { timeout: 5_000, interval: 5 },
    );
  }

  private record(type: 'elected' | 'revoked', event: ElectedEvent | RevokedEvent): void {
    this.events.push({ type, id: event.id, at: performance.now(), event });
    if (type === 'elected') this.leaders.add(event.id);
    else this.leaders.delete(event.id);
    this.maxConcurrentLeaders = Math.max(this.maxConcurrentLeaders, this.leaders.size);
  }
}

const started: Candidate[] = [];

async function campaign(
  count: number,
  { commandTimeout = COMMAND_TIMEOUT, timing = LEADER_ELECTION_FAST }: { commandTimeout?: number; timing?: LeaderElectionTimingOptions } = {},
): Promise<{ candidates: Candidate[]; log: TermLog; leader: Candidate }> {
  const name = `election-${++serial}`;
  const log = new TermLog();
  const candidates = Array.from({ length: count }, (_, i) => {
    const lock = new RedisLock(
      servers.map((server) => server.client()),
      { commandTimeout },
    );
    const candidate = { lock, elector: new RedisLeaderElector(lock, { name, id: `replica-${i}`, ...timing }) };
    log.watch(candidate);
    started.push(candidate);
    return candidate;
  });
  const elected = log.nextElected();
  await Promise.all(candidates.map(({ elector }) => elector.start()));
  const { id } = await elected;
  return { candidates, log, leader: candidates.find(({ elector }) => elector.id === id)! };
}

const leadersAmong = (candidates: Candidate[]) => candidates.filter(({ elector }) => elector.isLeader()).map(({ elector }) => elector.id);

afterEach(async () => {
  for (const server of servers) server.resume();
  await Promise.all(started.splice(0).map(({ elector }) => elector.stop()));
});

describe('RedisLeaderElector over 3 nodes', () => {
  it('elects exactly one leader, which every follower learns of', async () => {
    const { candidates, leader, log } = await campaign(3);
    const newLeader = vi.fn();
    candidates[0].elector.onNewLeader(newLeader);
    await vi.waitFor(() => expect(candidates.map(({ elector }) => elector.currentLeader())).toEqual([leader.elector.id, leader.elector.id, leader.elector.id]));
    expect(leadersAmong(candidates)).toEqual([leader.elector.id]);
    expect(leader.elector.leadership()).toEqual({ token: expect.any(Number), signal: expect.objectContaining({ aborted: false }) });
    expect(log.maxConcurrentLeaders).toBe(1);
  });

  it('hands over at once, well within one retry period, when the leader stops', async () => {
    const { candidates, leader, log } = await campaign(3);
    const { signal, token } = leader.elector.leadership()!;
    const next = log.nextElected();
    await leader.elector.stop();
    const stoppedAt = performance.now();
    const successor = await next;
    // The resignation is announced, so a follower campaigns at once instead of at its next retry.
    expect(successor.at - stoppedAt).toBeLessThan(retryPeriod / 2);
    expect(successor.id).not.toBe(leader.elector.id);
    expect(signal.reason).toMatchObject({ code: 'BULWARK_LOCK_LOST', reason: 'resigned' });
    expect(log.events.find((entry) => entry.type === 'revoked')?.event).toEqual({ id: leader.elector.id, token, reason: 'resigned' });
    expect((log.events.at(-1)!.event as ElectedEvent).token).toBeGreaterThan(token);
    expect(leadersAmong(candidates)).toEqual([successor.id]);
    expect(log.maxConcurrentLeaders).toBe(1);
  });

  it('fails over within lease + 1.2 × retry when the leader dies without resigning', async () => {
    const { candidates, leader, log } = await campaign(3);
    const next = log.nextElected();
    // A crash: the leader's connections drop, so it can neither renew nor resign.
    for (const client of leader.lock.clients) client.disconnect();
    const killedAt = performance.now();
    const successor = await next;
    const failoverMs = successor.at - killedAt;
    expect(failoverMs).toBeLessThan(lease + JITTERED_RETRY + 300);
    // Not before the dead leader's lease could have ended: it last renewed at most one retry ago.
    expect(failoverMs).toBeGreaterThan(lease - JITTERED_RETRY - COMMAND_TIMEOUT);
    expect(log.events.map(({ type, id }) => [type, id])).toEqual([
      ['elected', leader.elector.id],
      ['revoked', leader.elector.id],
      ['elected', successor.id],
    ]);
    expect(log.events[1].event).toMatchObject({ reason: 'renew-deadline' });
    expect(leadersAmong(candidates)).toEqual([successor.id]);
  });

  it('keeps the leader while only a minority of nodes is down', async () => {
    // The leader may have won exactly two nodes while a rival held the third for a moment: its
    // renewals take the third back, or pausing one of its two would cost it the lock. 150 ms
    // commands rather than 50: on a loaded 2-core machine a live node may take longer than 50 ms.
    const { candidates, leader, log } = await campaign(3, { commandTimeout: 150 });
    servers[2].pause();
    // Proving that nothing happens takes time: a lease and two retries, longer than any deadline.
    await new Promise((resolve) => setTimeout(resolve, lease + 2 * retryPeriod));
    const terms = log.events.map(({ type, id, event }) => `${type} ${id}${'reason' in event ? ` (${event.reason})` : ''}`);
    expect(terms).toEqual([`elected ${leader.elector.id}`]);
    expect(leadersAmong(candidates)).toEqual([leader.elector.id]);
  });

  it('steps down before its lease can end when a majority of nodes is lost', async () => {
    const { candidates, leader, log } = await campaign(3);
    const { signal } = leader.elector.leadership()!;
    servers[0].pause();
    servers[1].pause();
    const pausedAt = performance.now();
    await new Promise((resolve) => signal.addEventListener('abort', resolve));
    const steppedDownAfter = performance.now() - pausedAt;
    // The lease runs from the last renewal, at most one jittered retry (plus its round trip) before the pause.
    expect(steppedDownAfter).toBeLessThan(lease - JITTERED_RETRY - COMMAND_TIMEOUT);
    expect(steppedDownAfter).toBeGreaterThan(renewDeadline - JITTERED_RETRY - COMMAND_TIMEOUT);
    expect(signal.reason).toMatchObject({ reason: 'renew-deadline' });
    expect(log.events.at(-1)?.event).toMatchObject({ id: leader.elector.id, reason: 'renew-deadline' });
    expect(leadersAmong(candidates)).toEqual([]);
  });

  it('validates its timing at construction', () => {
    const lock = new RedisLock(servers[0].client(), { commandTimeout: 50 });
    expect(() => new RedisLeaderElector(lock, { name: 'x', lease: '10s' })).toThrow(
      'Invalid leader election timing redisLeaderElector: lease (10000 ms) > renewDeadline (10000 ms) > retryPeriod (2000 ms) must hold',
    );
    expect(() => new RedisLeaderElector(lock, { name: 'x', ...LEADER_ELECTION_FAST, retryPeriod: 40 })).toThrow(
      "Invalid option redisLeaderElector.retryPeriod: 40 ms. Expected more than the lock's commandTimeout (50 ms)",
    );
    expect(() => new RedisLeaderElector(lock, {} as never)).toThrow('Missing option redisLeaderElector.name.');
  });
});
