import {
  extendTtlMs,
  LockLostError,
  LockReleaseFailedError,
  type Clock,
  type Duration,
  type LockEmitters,
  type LockHandle,
  type LockLostReason,
  type LockRequest,
} from '@bulwark/core';
import { lockMessages } from './lock.messages.js';
import type { LockKeys } from './lock.node.js';
import type { LockQuorum, QuorumAcquired } from './lock.quorum.js';

/** @internal What a handle shares with the lock that granted it. */
export interface LeaseContext {
  readonly quorum: LockQuorum;
  readonly emitters: LockEmitters;
  readonly clock: Clock;
}

/**
 * @internal A lease on a `RedisLock`. With `autoExtend` it renews every third of its ttl (sooner
 * after a failed renewal); its signal aborts once less than a third of the ttl is confirmed, so
 * the work has that long to stop before the lease can expire on any node. Without `autoExtend`
 * the signal aborts when the confirmed validity runs out, still before the nodes expire the key.
 */
export class RedisLockHandle implements LockHandle {
  readonly signal: AbortSignal;
  private readonly controller = new AbortController();
  private state: 'held' | 'released' | 'lost' = 'held';
  private ttlMs: number;
  private validUntil: number;
  private renewal: ReturnType<typeof setTimeout> | undefined;
  private deadline: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly context: LeaseContext,
    readonly name: string,
    private readonly keys: LockKeys,
    private readonly owner: string,
    private readonly request: LockRequest,
    private readonly acquired: QuorumAcquired,
  ) {
    this.signal = this.controller.signal;
    this.ttlMs = request.ttlMs;
    this.validUntil = acquired.validUntil;
    this.armDeadline();
    if (request.autoExtend) this.scheduleRenewal(acquired.startedAt + this.ttlMs / 3 - context.clock.now());
  }

  get token(): number {
    return this.acquired.token;
  }

  get held(): boolean {
    return this.state === 'held';
  }

  remainingMs(): number {
    return this.state === 'held' ? Math.max(0, this.validUntil - this.context.clock.now()) : 0;
  }

  async extend(ttl?: Duration): Promise<boolean> {
    const ttlMs = extendTtlMs('redisLock.extend', ttl, this.ttlMs);
    if (!this.held) return this.notHeld();
    const result = await this.context.quorum.extend(this.keys, this.owner, ttlMs, this.token);
    if (!this.held) return this.notHeld();
    if (result.outcome !== 'extended') {
      if (result.outcome === 'lost') throw this.lose('not-owner');
      return false;
    }
    this.ttlMs = ttlMs;
    this.validUntil = result.validUntil;
    this.armDeadline();
    return true;
  }

  async release(): Promise<void> {
    if (this.state !== 'held') return;
    this.state = 'released';
    this.stopTimers();
    const { quorum, clock, emitters } = this.context;
    const keepMs = Math.max(0, this.request.minHoldMs - (clock.now() - this.acquired.startedAt));
    const { confirmed, error } = await quorum.release(this.keys, this.owner, keepMs);
    if (confirmed >= quorum.quorum) {
      emitters.released.emit({ name: this.name, token: this.token, heldMs: clock.now() - this.acquired.startedAt });
      return;
    }
    const detail = lockMessages.releaseUnconfirmed(confirmed, quorum.size, quorum.quorum);
    const failure = new LockReleaseFailedError(this.name, this.token, detail, this.ttlMs, { cause: error });
    emitters.releaseFailed.emit({ name: this.name, token: this.token, error: failure });
    throw failure;
  }

  /** What `extend` says once the lease has ended: false after release, the loss otherwise. */
  private notHeld(): false {
    if (this.state === 'lost') throw this.signal.reason;
    return false;
  }

  /** When the signal must have aborted: a third of the ttl early when renewing, else at validity's end. */
  private get abortAt(): number {
    return this.validUntil - (this.request.autoExtend ? this.ttlMs / 3 : 0);
  }

  private armDeadline(): void {
    clearTimeout(this.deadline);
    this.deadline = setTimeout(() => this.onDeadline(), Math.max(0, this.abortAt - this.context.clock.now()));
    this.deadline.unref?.();
  }

  private onDeadline(): void {
    // A renewal may have moved the deadline while this timer was queued.
    if (this.context.clock.now() < this.abortAt) this.armDeadline();
    else this.lose('expired');
  }

  private scheduleRenewal(delayMs: number): void {
    this.renewal = setTimeout(() => void this.renew(), Math.max(0, delayMs));
    this.renewal.unref?.();
  }

  private async renew(): Promise<void> {
    let extended: boolean;
    try {
      extended = await this.extend();
    } catch {
      return; // lost: the signal has aborted
    }
    if (this.state === 'held') this.scheduleRenewal(extended ? this.ttlMs / 3 : this.ttlMs / 10);
  }

  private lose(reason: LockLostReason): LockLostError {
    const error = new LockLostError(this.name, this.token, reason);
    if (this.state !== 'held') return error;
    this.state = 'lost';
    this.stopTimers();
    this.controller.abort(error);
    this.context.emitters.lost.emit({ name: this.name, token: this.token, error });
    // Free whatever minority of nodes may still hold it, so the next holder need not wait them out.
    this.context.quorum.releaseQuietly(this.keys, this.owner);
    return error;
  }

  private stopTimers(): void {
    clearTimeout(this.renewal);
    clearTimeout(this.deadline);
  }
}
