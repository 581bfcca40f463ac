import type { Clock, LockNotAcquiredReason } from '@bulwark/core';
import type { LockKeys, LockNode } from './lock.node.js';
import { answerWithin, type NodeAnswer } from './node-answer.js';

/** @internal How the Redlock rounds are run. */
export interface QuorumSettings {
  readonly nodes: readonly LockNode[];
  readonly commandTimeoutMs: number;
  /** The clock-drift allowance is `ttl × driftFactor + 2 ms`. */
  readonly driftFactor: number;
  readonly clock: Clock;
}

/** @internal A won acquisition: its fencing token and how long it is known to be valid. */
export interface QuorumAcquired {
  readonly ok: true;
  readonly token: number;
  /** When the attempt started, on the monotonic clock. */
  readonly startedAt: number;
  /** Until when a majority is known to hold the lease: start + ttl − drift. */
  readonly validUntil: number;
}

/** @internal The outcome of one extension round. */
export type QuorumExtension = { readonly outcome: 'extended'; readonly validUntil: number } | { readonly outcome: 'unconfirmed' | 'lost' };

/**
 * @internal The Redlock algorithm over N independent nodes (Redis docs, "Distributed locks with
 * Redis"), with fencing tokens that strictly increase per name (see the README, "Locks").
 * Every round asks all nodes at once and waits for each at most `commandTimeoutMs`; elapsed time
 * is measured on the monotonic clock.
 */
export class LockQuorum {
  /** A majority: N/2 + 1. */
  readonly quorum: number;

  constructor(private readonly settings: QuorumSettings) {
    this.quorum = Math.floor(settings.nodes.length / 2) + 1;
  }

  /** How many nodes there are. */
  get size(): number {
    return this.settings.nodes.length;
  }

  /**
   * One acquisition attempt: take the lock on a majority, derive the token from their recorded
   * fences, record it back on the nodes taken, and check that validity is left. Any failure
   * releases what was taken.
   */
  async acquire(keys: LockKeys, owner: string, ttlMs: number): Promise<QuorumAcquired | { readonly ok: false; readonly reason: LockNotAcquiredReason }> {
    const { clock } = this.settings;
    const startedAt = clock.now();
    const answers = await this.ask((node) => node.acquire(keys, owner, ttlMs));
    const taken: LockNode[] = [];
    let fence = 0;
    answers.forEach((answer, i) => {
      if (!answer.ok || !answer.value.acquired) return;
      taken.push(this.settings.nodes[i]);
      fence = Math.max(fence, answer.value.fence);
    });
    if (taken.length < this.quorum) return this.fail(keys, owner, answered(answers) < this.quorum ? 'unavailable' : 'held');
    const validUntil = startedAt + ttlMs - this.driftMs(ttlMs);
    if (clock.now() >= validUntil) return this.fail(keys, owner, 'too-slow');
    // The new token tops every token a majority has recorded; it only counts once a majority
    // has recorded it in turn, while we still hold the lock there.
    const token = fence + 1;
    const recorded = await this.ask((node) => node.recordFence(keys, owner, token), taken);
    if (confirmed(recorded) < this.quorum) return this.fail(keys, owner, answered(recorded) < this.quorum ? 'unavailable' : 'too-slow');
    if (clock.now() >= validUntil) return this.fail(keys, owner, 'too-slow');
    return { ok: true, token, startedAt, validUntil };
  }

  /**
   * Extends the lease on every node, taking back with `token` the nodes where it is free. Extended
   * when a majority confirms in time; lost when so many nodes are held by someone else that a
   * majority can no longer be ours; unconfirmed otherwise.
   */
  async extend(keys: LockKeys, owner: string, ttlMs: number, token: number): Promise<QuorumExtension> {
    const startedAt = this.settings.clock.now();
    const answers = await this.ask((node) => node.extend(keys, owner, ttlMs, token));
    const denied = answers.filter((answer) => answer.ok && !answer.value).length;
    if (this.size - denied < this.quorum) return { outcome: 'lost' };
    const validUntil = startedAt + ttlMs - this.driftMs(ttlMs);
    if (confirmed(answers) >= this.quorum && this.settings.clock.now() < validUntil) return { outcome: 'extended', validUntil };
    return { outcome: 'unconfirmed' };
  }

  /**
   * Releases on every node. A node that answers counts as confirmed, whether it deleted our key
   * or found it already gone.
   *
   * @returns how many nodes confirmed, and the first error of those that did not
   */
  async release(keys: LockKeys, owner: string, keepMs: number): Promise<{ readonly confirmed: number; readonly error: unknown }> {
    const answers = await this.ask((node) => node.release(keys, owner, keepMs));
    return { confirmed: answered(answers), error: answers.find((answer) => !answer.ok)?.error };
  }

  /** Releases on every node without waiting: after a failed attempt, or a lost lease. */
  releaseQuietly(keys: LockKeys, owner: string): void {
    void this.release(keys, owner, 0);
  }

  /** @returns the owner value a majority of nodes store, or `undefined` when there is none */
  async holder(keys: LockKeys): Promise<string | undefined> {
    const counts = new Map<string, number>();
    for (const answer of await this.ask((node) => node.read(keys))) {
      if (answer.ok && answer.value !== null) counts.set(answer.value, (counts.get(answer.value) ?? 0) + 1);
    }
    for (const [value, count] of counts) if (count >= this.quorum) return value;
    return undefined;
  }

  /** The clock-drift allowance for a ttl, as the Redis docs suggest. */
  driftMs(ttlMs: number): number {
    return Math.floor(ttlMs * this.settings.driftFactor) + 2;
  }

  private fail(keys: LockKeys, owner: string, reason: LockNotAcquiredReason): { readonly ok: false; readonly reason: LockNotAcquiredReason } {
    // Release on every node, not only those that answered: a reply may be late, not missing.
    this.releaseQuietly(keys, owner);
    return { ok: false, reason };
  }

  private ask<T>(command: (node: LockNode) => Promise<T>, nodes = this.settings.nodes): Promise<Array<NodeAnswer<T>>> {
    const { commandTimeoutMs } = this.settings;
    return Promise.all(nodes.map((node) => answerWithin(Promise.resolve().then(() => command(node)), commandTimeoutMs)));
  }
}

function answered(answers: ReadonlyArray<NodeAnswer<unknown>>): number {
  return answers.filter((answer) => answer.ok).length;
}

function confirmed(answers: ReadonlyArray<NodeAnswer<boolean>>): number {
  return answers.filter((answer) => answer.ok && answer.value).length;
}
