import { jitteredRetryMs, LockLostError, type Clock, type Leadership, type LeaderElectionTiming, type LockHandle, type LockLostReason } from '@bulwark/core';

/** @internal What a term needs from its elector. */
export interface TermContext {
  readonly lockName: string;
  readonly timing: LeaderElectionTiming;
  readonly clock: Clock;
  readonly random: () => number;
  /** Called once when the term ends, after its signal aborted. */
  ended(term: LeaderTerm, reason: LockLostReason): void;
}

/**
 * @internal One term of leadership over a held lease: renews every (jittered) retry period and
 * steps down when no renewal was confirmed for `renewDeadline`, which comes before the lease can
 * end on the nodes (`lease > renewDeadline`).
 */
export class LeaderTerm {
  readonly leadership: Leadership;
  private readonly controller = new AbortController();
  private lastRenewedAt: number;
  private renewal: ReturnType<typeof setTimeout> | undefined;
  private deadline: ReturnType<typeof setTimeout> | undefined;
  private over = false;

  /**
   * @param context the elector's settings and its end-of-term callback
   * @param handle the lease, acquired without automatic extension
   * @param startedAt when the acquisition started: the lease runs from then
   */
  constructor(
    private readonly context: TermContext,
    private readonly handle: LockHandle,
    startedAt: number,
  ) {
    this.leadership = { token: handle.token, signal: this.controller.signal };
    this.lastRenewedAt = startedAt;
    const reasonOf = (): LockLostReason => (handle.signal.reason as LockLostError | undefined)?.reason ?? 'expired';
    handle.signal.addEventListener('abort', () => void this.end(reasonOf()), { once: true });
    this.armDeadline();
    this.scheduleRenewal();
  }

  /**
   * Ends the term: aborts its signal, reports it, and releases the lease.
   *
   * @returns when the release has been answered (or failed)
   */
  end(reason: LockLostReason): Promise<void> {
    if (this.over) return Promise.resolve();
    this.over = true;
    clearTimeout(this.renewal);
    clearTimeout(this.deadline);
    this.controller.abort(new LockLostError(this.context.lockName, this.handle.token, reason));
    this.context.ended(this, reason);
    return this.handle.release().catch(() => undefined);
  }

  private scheduleRenewal(): void {
    this.renewal = setTimeout(() => void this.renew(), jitteredRetryMs(this.context.timing, this.context.random));
    this.renewal.unref?.();
  }

  private async renew(): Promise<void> {
    const startedAt = this.context.clock.now();
    let extended: boolean;
    try {
      extended = await this.handle.extend();
    } catch {
      return; // lost: the handle's abort listener ends the term
    }
    if (this.over) return;
    if (extended) {
      this.lastRenewedAt = startedAt;
      this.armDeadline();
    }
    this.scheduleRenewal();
  }

  private armDeadline(): void {
    clearTimeout(this.deadline);
    const dueInMs = this.lastRenewedAt + this.context.timing.renewDeadlineMs - this.context.clock.now();
    this.deadline = setTimeout(() => void this.end('renew-deadline'), Math.max(0, dueInMs));
    this.deadline.unref?.();
  }
}
