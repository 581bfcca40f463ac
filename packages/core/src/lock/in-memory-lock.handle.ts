import type { Clock } from '../clock/clock.js';
import type { Duration } from '../options/duration.js';
import type { LockHandle } from './lock.handle.js';
import { extendTtlMs, type LockRequest } from './lock.options.js';
import { LockLostError } from './lock-lost.error.js';

/** @internal What an in-memory handle reports back to the lock that granted it. */
export interface InMemoryLeaseOwner {
  readonly clock: Clock;
  /** The lease ended (released or lost): it emits the event and frees the slot, maybe later. */
  ended(handle: InMemoryLockHandle, outcome: 'released' | 'lost', freeAfterMs: number): void;
}

/**
 * @internal A lease on an `InMemoryLock`. An automatically extended lease never expires, since
 * its holder is this very process; any other expires after its ttl unless extended.
 */
export class InMemoryLockHandle implements LockHandle {
  readonly signal: AbortSignal;
  private readonly controller = new AbortController();
  private state: 'held' | 'released' | 'lost' = 'held';
  private ttlMs: number;
  private expiresAt = Infinity;
  private expiry: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly owner: InMemoryLeaseOwner,
    readonly name: string,
    readonly token: number,
    private readonly request: LockRequest,
    readonly acquiredAt: number,
  ) {
    this.signal = this.controller.signal;
    this.ttlMs = request.ttlMs;
    if (!request.autoExtend) this.expireIn(this.ttlMs);
  }

  get held(): boolean {
    return this.state === 'held';
  }

  remainingMs(): number {
    if (this.state !== 'held') return 0;
    return Math.max(0, this.expiresAt - this.owner.clock.now());
  }

  async extend(ttl?: Duration): Promise<boolean> {
    const ms = extendTtlMs('inMemoryLock.extend', ttl, this.ttlMs);
    if (this.state === 'lost') throw this.signal.reason;
    if (this.state === 'released') return false;
    this.ttlMs = ms;
    if (!this.request.autoExtend) this.expireIn(ms);
    return true;
  }

  async release(): Promise<void> {
    if (this.state !== 'held') return;
    this.state = 'released';
    clearTimeout(this.expiry);
    const keepMs = this.request.minHoldMs - (this.owner.clock.now() - this.acquiredAt);
    this.owner.ended(this, 'released', Math.max(0, keepMs));
  }

  private expireIn(ms: number): void {
    clearTimeout(this.expiry);
    this.expiresAt = this.owner.clock.now() + ms;
    this.expiry = setTimeout(() => this.lose(), ms);
    this.expiry.unref?.();
  }

  private lose(): void {
    if (this.state !== 'held') return;
    this.state = 'lost';
    this.controller.abort(new LockLostError(this.name, this.token, 'expired'));
    this.owner.ended(this, 'lost', 0);
  }
}
