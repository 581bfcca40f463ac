/** @internal One waiter's registration: wait for a landing or a timeout, or give up. */
export interface LandingWait {
  /** Settles when the key lands or after `ms`, whichever comes first; then unregisters. */
  until(ms: number): Promise<void>;
  /** Unregisters without waiting. */
  cancel(): void;
}

/** @internal Waiters per key, woken when another instance announces that the key has landed. */
export class LandingWaiters {
  private readonly waiters = new Map<string, Set<() => void>>();

  /** @returns a registration made now, so a landing announced from now on is not missed */
  register(key: string): LandingWait {
    let wake!: () => void;
    const landed = new Promise<void>((resolve) => (wake = resolve));
    let waiting = this.waiters.get(key);
    if (waiting === undefined) this.waiters.set(key, (waiting = new Set()));
    waiting.add(wake);
    const cancel = (): void => {
      waiting.delete(wake);
      if (waiting.size === 0 && this.waiters.get(key) === waiting) this.waiters.delete(key);
    };
    const until = (ms: number): Promise<void> =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, ms);
        void landed.then(() => {
          clearTimeout(timer);
          resolve();
        });
      }).finally(cancel);
    return { until, cancel };
  }

  /** Wakes every waiter of `key`. */
  wake(key: string): void {
    const waiting = this.waiters.get(key);
    if (waiting === undefined) return;
    this.waiters.delete(key);
    for (const wake of waiting) wake();
  }
}
