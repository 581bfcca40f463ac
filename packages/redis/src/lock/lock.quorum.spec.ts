import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '@bulwark/core';
import type { LockKeys, LockNode, NodeAcquireReply } from './lock.node.js';
import { LockQuorum } from './lock.quorum.js';

/** A lock node in memory, with the same semantics as the Lua scripts, that can stall or lag on cue. */
class MemoryNode implements LockNode {
  readonly values = new Map<string, { value: string; expiresAt: number }>();
  readonly fences = new Map<string, number>();
  stalled = false;
  /** Delays the replies to `acquire` only. */
  acquireLagMs = 0;

  acquire(keys: LockKeys, owner: string, ttlMs: number): Promise<NodeAcquireReply> {
    return this.reply(this.acquireLagMs, () => {
      const fence = this.fences.get(keys.fence) ?? 0;
      const current = this.current(keys.lock);
      if (current !== undefined && current !== owner) return { acquired: false, fence };
      this.values.set(keys.lock, { value: owner, expiresAt: systemClock.now() + ttlMs });
      return { acquired: true, fence };
    });
  }

  recordFence(keys: LockKeys, owner: string, token: number): Promise<boolean> {
    return this.reply(0, () => {
      if (this.current(keys.lock) !== owner) return false;
      this.fences.set(keys.fence, Math.max(token, this.fences.get(keys.fence) ?? 0));
      return true;
    });
  }

  extend(keys: LockKeys, owner: string, ttlMs: number, token: number): Promise<boolean> {
    return this.reply(0, () => {
      const current = this.current(keys.lock);
      if (current !== undefined && current !== owner) return false;
      if (current === undefined) this.fences.set(keys.fence, Math.max(token, this.fences.get(keys.fence) ?? 0));
      this.values.set(keys.lock, { value: owner, expiresAt: systemClock.now() + ttlMs });
      return true;
    });
  }

  release(keys: LockKeys, owner: string): Promise<boolean> {
    return this.reply(0, () => this.current(keys.lock) === owner && this.values.delete(keys.lock));
  }

  read(keys: LockKeys): Promise<string | null> {
    return this.reply(0, () => this.current(keys.lock) ?? null);
  }

  private current(key: string): string | undefined {
    const entry = this.values.get(key);
    return entry && entry.expiresAt > systemClock.now() ? entry.value : undefined;
  }

  private reply<T>(lagMs: number, run: () => T): Promise<T> {
    if (this.stalled) return new Promise<T>(() => undefined);
    if (lagMs === 0) return Promise.resolve(run());
    return new Promise<T>((resolve) => setTimeout(() => resolve(run()), lagMs));
  }
}

const keys: LockKeys = { lock: 'lock:{job}', fence: 'lock:{job}:fence' };

function quorumOf(count: number, commandTimeoutMs = 50) {
  const nodes = Array.from({ length: count }, () => new MemoryNode());
  return { nodes, quorum: new LockQuorum({ nodes, commandTimeoutMs, driftFactor: 0.01, clock: systemClock }) };
}

/** Lets every timer run, including the per-node timeouts of stalled nodes. */
async function settled<T>(pending: Promise<T>): Promise<T> {
  await vi.advanceTimersByTimeAsync(1_000);
  return pending;
}

function isStrictlyIncreasing(tokens: readonly number[]): boolean {
  return tokens.every((token, i) => i === 0 || token > tokens[i - 1]);
}

describe('LockQuorum (Redlock rounds over simulated nodes)', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('derives the token from the largest fence a majority recorded and records it back on them', async () => {
    const { nodes, quorum } = quorumOf(3);
    nodes[0].fences.set(keys.fence, 7);
    nodes[1].fences.set(keys.fence, 3);
    const won = await settled(quorum.acquire(keys, 'a', 10_000));
    expect(won).toMatchObject({ ok: true, token: 8 });
    expect(nodes.map((node) => node.fences.get(keys.fence))).toEqual([8, 8, 8]);
  });

  it('gives tokens that strictly increase while different majorities answer', async () => {
    const { nodes, quorum } = quorumOf(5);
    const tokens: number[] = [];
    for (let round = 0; round < 40; round++) {
      // Stall a rotating pair of nodes, so consecutive majorities differ.
      nodes.forEach((node, i) => (node.stalled = i === round % 5 || i === (round * 3 + 1) % 5));
      const won = await settled(quorum.acquire(keys, `owner-${round}`, 10_000));
      if (!won.ok) throw new Error(`round ${round}: ${won.reason}`);
      tokens.push(won.token);
      nodes.forEach((node) => (node.stalled = false));
      await settled(quorum.release(keys, `owner-${round}`, 0));
    }
    expect(isStrictlyIncreasing(tokens)).toBe(true);
  });

  it('catches the non-monotonic tokens that a plain max of per-node counters gives', () => {
    // The naive scheme: INCR a counter on each node of the majority and take the largest.
    const counters = [5, 0, 0];
    const naive = (majority: number[]) => Math.max(...majority.map((i) => ++counters[i]));
    const tokens = [naive([0, 1]), naive([1, 2])];
    expect(tokens).toEqual([6, 2]);
    expect(isStrictlyIncreasing(tokens)).toBe(false);
  });

  it('fails, and releases every node, when the token reaches only a minority', async () => {
    const { nodes, quorum } = quorumOf(3);
    const recordFence = vi.spyOn(nodes[1], 'recordFence').mockReturnValue(new Promise(() => undefined));
    vi.spyOn(nodes[2], 'recordFence').mockRejectedValue(new Error('READONLY'));
    expect(await settled(quorum.acquire(keys, 'a', 10_000))).toEqual({ ok: false, reason: 'unavailable' });
    expect(recordFence).toHaveBeenCalledOnce();
    expect(nodes.map((node) => node.values.size)).toEqual([0, 0, 0]);
    vi.restoreAllMocks();
    expect(await settled(quorum.acquire(keys, 'b', 10_000))).toMatchObject({ ok: true, token: 2 });
  });

  it('fails as too slow when the replies took longer than the ttl allows', async () => {
    const { nodes, quorum } = quorumOf(3, 5_000);
    nodes.forEach((node) => (node.acquireLagMs = 600));
    expect(await settled(quorum.acquire(keys, 'a', 600))).toEqual({ ok: false, reason: 'too-slow' });
    expect(nodes.map((node) => node.values.size)).toEqual([0, 0, 0]);
  });

  it('says held when another owner has a majority, unavailable when too few nodes answer', async () => {
    const { nodes, quorum } = quorumOf(3);
    await settled(quorum.acquire(keys, 'first', 10_000));
    expect(await settled(quorum.acquire(keys, 'second', 10_000))).toEqual({ ok: false, reason: 'held' });
    nodes[0].stalled = nodes[1].stalled = true;
    expect(await settled(quorum.acquire(keys, 'second', 10_000))).toEqual({ ok: false, reason: 'unavailable' });
  });

  it('extends with a majority, is unconfirmed without one, and lost when a majority is held by someone else', async () => {
    const { nodes, quorum } = quorumOf(3);
    await settled(quorum.acquire(keys, 'a', 10_000));
    nodes[2].stalled = true;
    expect(await settled(quorum.extend(keys, 'a', 10_000, 1))).toMatchObject({ outcome: 'extended' });
    nodes[1].stalled = true;
    expect(await settled(quorum.extend(keys, 'a', 10_000, 1))).toEqual({ outcome: 'unconfirmed' });
    nodes[1].stalled = nodes[2].stalled = false;
    for (const node of [nodes[0], nodes[1]]) node.values.set(keys.lock, { value: 'b', expiresAt: systemClock.now() + 10_000 });
    expect(await settled(quorum.extend(keys, 'a', 10_000, 1))).toEqual({ outcome: 'lost' });
  });

  it('takes back, with its token, a node where the lock went free, so it keeps tolerating any one failure', async () => {
    const { nodes, quorum } = quorumOf(3);
    const acquired = await settled(quorum.acquire(keys, 'a', 10_000));
    const token = (acquired as { token: number }).token;
    // The node restarted empty: no lock, no fence.
    nodes[1].values.clear();
    nodes[1].fences.clear();
    expect(await settled(quorum.extend(keys, 'a', 10_000, token))).toMatchObject({ outcome: 'extended' });
    expect(await nodes[1].read(keys)).toBe('a');
    expect(nodes[1].fences.get(keys.fence)).toBe(token);
    nodes[2].stalled = true;
    expect(await settled(quorum.extend(keys, 'a', 10_000, token))).toMatchObject({ outcome: 'extended' });
  });

  it('counts a release of a key that is already gone as confirmed', async () => {
    const { nodes, quorum } = quorumOf(3);
    await settled(quorum.acquire(keys, 'a', 10_000));
    nodes.forEach((node) => node.values.clear());
    expect(await settled(quorum.release(keys, 'a', 0))).toEqual({ confirmed: 3, error: undefined });
  });

  it('reports the holder a majority agrees on', async () => {
    const { nodes, quorum } = quorumOf(3);
    expect(await settled(quorum.holder(keys))).toBeUndefined();
    await settled(quorum.acquire(keys, 'nonce:api-1', 10_000));
    nodes[0].stalled = true;
    expect(await settled(quorum.holder(keys))).toBe('nonce:api-1');
  });
});
