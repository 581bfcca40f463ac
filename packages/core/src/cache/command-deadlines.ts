import { systemClock, type Clock } from '../clock/clock.js';
import { TimeoutError } from '../errors/timeout.error.js';

/** A command in flight, linked to its neighbours in start order. */
class PendingCommand {
  older: PendingCommand | undefined;
  newer: PendingCommand | undefined = undefined;
  done = false;

  constructor(
    readonly deadline: number,
    readonly reject: (error: unknown) => void,
    newest: PendingCommand | undefined,
  ) {
    this.older = newest;
  }
}

/**
 * @internal One time limit for many store commands, kept with a single timer. A `setTimeout` per
 * command costs several microseconds when commands run one at a time: each clears the only timer
 * of its duration, so Node tears down and rebuilds that timer list on every call. Here a command
 * costs a clock reading and two links in a list (a `Set` would hash every command). Every command
 * has the same limit, so they expire in the order they started: the timer waits for the oldest.
 */
export class CommandDeadlines {
  private oldest: PendingCommand | undefined;
  private newest: PendingCommand | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  /**
   * @param timeoutMs the longest a command may take
   * @param clock a monotonic clock
   */
  constructor(
    readonly timeoutMs: number,
    private readonly clock: Clock = systemClock,
  ) {}

  /**
   * @param command starts the command; it cannot be aborted, only given up on
   * @returns what the command settled with, if it settled within `timeoutMs`
   * @throws TimeoutError when it did not; otherwise what the command threw
   */
  run<R>(command: () => PromiseLike<R>): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      const pending = this.append(reject);
      // Settling a promise the timer already rejected does nothing, and unlink() is idempotent.
      try {
        command().then(
          (value) => {
            this.unlink(pending);
            resolve(value);
          },
          (error: unknown) => {
            this.unlink(pending);
            reject(error);
          },
        );
      } catch (error) {
        this.unlink(pending);
        reject(error);
      }
    });
  }

  private append(reject: (error: unknown) => void): PendingCommand {
    const pending = new PendingCommand(this.clock.now() + this.timeoutMs, reject, this.newest);
    if (this.newest === undefined) this.oldest = pending;
    else this.newest.newer = pending;
    this.newest = pending;
    if (this.timer === undefined) this.arm(this.timeoutMs);
    return pending;
  }

  private unlink(pending: PendingCommand): void {
    if (pending.done) return;
    pending.done = true;
    if (pending.older === undefined) this.oldest = pending.newer;
    else pending.older.newer = pending.newer;
    if (pending.newer === undefined) this.newest = pending.older;
    else pending.newer.older = pending.older;
    pending.older = pending.newer = undefined;
  }

  private arm(delayMs: number): void {
    this.timer = setTimeout(this.expire, delayMs);
    // A deadline alone does not keep the process alive: a command really in flight holds its own
    // connection open, and the timer outlives the last command by up to timeoutMs.
    this.timer.unref?.();
  }

  private readonly expire = (): void => {
    this.timer = undefined;
    const now = this.clock.now();
    for (let pending = this.oldest; pending !== undefined; pending = this.oldest) {
      if (pending.deadline > now) return this.arm(pending.deadline - now);
      this.unlink(pending);
      pending.reject(new TimeoutError(this.timeoutMs));
    }
  };
}
