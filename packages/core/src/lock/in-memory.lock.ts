import { systemClock, type Clock } from '../clock/clock.js';
import { integer, monotonicClockRule } from '../options/option.rules.js';
import { validateOptions } from '../options/validate-options.js';
import { InMemoryLockHandle, type InMemoryLeaseOwner } from './in-memory-lock.handle.js';
import type { LockHandle } from './lock.handle.js';
import {
  LOCK_ACQUIRE_RULES,
  LOCK_DEFAULTS_RULES,
  lockDefaultsFrom,
  lockRequestFrom,
  type LockAcquireOptions,
  type LockDefaultsOptions,
  type LockRequest,
} from './lock.options.js';
import { Lock } from './lock.port.js';
import { LockNotAcquiredError } from './lock-not-acquired.error.js';

/** Options of an in-process lock: the acquire defaults, the permits per name and the clock. */
export interface InMemoryLockOptions extends LockDefaultsOptions {
  /** How many holders a name admits at once: 1 is a mutex, more a semaphore. @default 1 */
  permits?: number;
  /** The monotonic time source, read for waits, hold times and `minHold`. @default systemClock */
  clock?: Clock;
}

interface Waiter {
  readonly grant: () => void;
}

/** Per name: current holders, the FIFO of waiters, and the last fencing token handed out. */
interface Slot {
  holders: number;
  readonly waiters: Waiter[];
  lastToken: number;
}

const PATH = 'inMemoryLock';
const RULES = { ...LOCK_DEFAULTS_RULES, permits: integer(1), clock: monotonicClockRule };

/**
 * A lock for one process: the embedded default when no Redis is configured. Waiters are served
 * first come, first served; fencing tokens count up per name from 1. Each name's counter is kept
 * for the lock's lifetime, so tokens never repeat.
 *
 * @example
 * const lock = new InMemoryLock({ waitTimeout: '2s' });
 * await lock.using('import', async ({ token }) => importBatch(token));
 */
export class InMemoryLock extends Lock implements InMemoryLeaseOwner {
  /** The clock leases are timed with. */
  readonly clock: Clock;
  private readonly permits: number;
  private readonly defaults: LockRequest;
  private readonly slots = new Map<string, Slot>();

  /**
   * @param options acquire defaults, permits and clock
   * @throws InvalidOptionError naming the option, the value and what is allowed
   */
  constructor(options?: InMemoryLockOptions) {
    super();
    const valid = validateOptions(PATH, options, RULES);
    this.defaults = lockDefaultsFrom(valid);
    this.permits = valid.permits ?? 1;
    this.clock = valid.clock ?? systemClock;
  }

  async acquire(name: string, options?: LockAcquireOptions): Promise<LockHandle> {
    const request =
      options === undefined ? this.defaults : lockRequestFrom(this.defaults, validateOptions(`${PATH}.acquire`, options, LOCK_ACQUIRE_RULES));
    request.signal?.throwIfAborted();
    const slot = this.slotOf(name);
    const startedAt = this.clock.now();
    if (slot.holders < this.permits && slot.waiters.length === 0) return this.grant(name, slot, request, startedAt);
    if (request.waitTimeoutMs === 0) throw LockNotAcquiredError.fastFail(name, 'held', 0, 1);
    return this.wait(name, slot, request, startedAt);
  }

  /** @internal Called by a handle whose lease ended. */
  ended(handle: InMemoryLockHandle, outcome: 'released' | 'lost', freeAfterMs: number): void {
    if (outcome === 'released') {
      this.emitters.released.emit({ name: handle.name, token: handle.token, heldMs: this.clock.now() - handle.acquiredAt });
    } else {
      this.emitters.lost.emit({ name: handle.name, token: handle.token, error: handle.signal.reason });
    }
    const slot = this.slotOf(handle.name);
    if (freeAfterMs === 0) return this.free(slot);
    setTimeout(() => this.free(slot), freeAfterMs).unref?.();
  }

  private slotOf(name: string): Slot {
    let slot = this.slots.get(name);
    if (!slot) this.slots.set(name, (slot = { holders: 0, waiters: [], lastToken: 0 }));
    return slot;
  }

  private grant(name: string, slot: Slot, request: LockRequest, startedAt: number): LockHandle {
    slot.holders++;
    const now = this.clock.now();
    const handle = new InMemoryLockHandle(this, name, ++slot.lastToken, request, now);
    this.emitters.acquired.emit({ name, token: handle.token, waitedMs: now - startedAt });
    return handle;
  }

  private free(slot: Slot): void {
    slot.holders--;
    while (slot.holders < this.permits && slot.waiters.length > 0) slot.waiters.shift()!.grant();
  }

  private wait(name: string, slot: Slot, request: LockRequest, startedAt: number): Promise<LockHandle> {
    const { signal, waitTimeoutMs } = request;
    return new Promise<LockHandle>((resolve, reject) => {
      const leave = (): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        const index = slot.waiters.indexOf(waiter);
        if (index >= 0) slot.waiters.splice(index, 1);
      };
      const onAbort = (): void => {
        leave();
        reject(signal!.reason);
      };
      const waiter: Waiter = {
        grant: () => {
          leave();
          resolve(this.grant(name, slot, request, startedAt));
        },
      };
      const timer = Number.isFinite(waitTimeoutMs)
        ? setTimeout(() => {
            leave();
            reject(LockNotAcquiredError.fastFail(name, 'held', this.clock.now() - startedAt, 1));
          }, waitTimeoutMs)
        : undefined;
      signal?.addEventListener('abort', onAbort, { once: true });
      slot.waiters.push(waiter);
    });
  }
}
