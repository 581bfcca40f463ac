import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';

/** The exclusive run a `@Singleton` method is in: what to pass to the resource it protects. */
export interface SingletonRun {
  /** `'lock'` for a per-call lock, `'leader'` for a leader-only method. */
  readonly mode: 'lock' | 'leader';
  /** The lock's name, or the election's. */
  readonly name: string;
  /**
   * The fencing token of the lease or of the leader's term: larger than that of every earlier
   * holder, so a resource that remembers the largest token it saw can refuse a stale one
   * (`fencedSet` of `@bulwark/redis`, or `WHERE last_token <= $token` in SQL).
   */
  readonly token: number;
  /** Aborts, with a `LockLostError`, when exclusivity is lost: stop the work when it does. */
  readonly signal: AbortSignal;
}

/**
 * Tells a running `@Singleton` method its fencing token and abort signal, through
 * `AsyncLocalStorage`: anything the method calls or awaits sees them. One per application.
 *
 * @example
 * @Singleton({ mode: 'leader' })
 * async publishPrices(): Promise<void> {
 *   const { token, signal } = this.singleton.current()!;
 *   await fencedSet(this.redis, 'prices', token, await this.prices.compute(signal));
 * }
 */
@Injectable()
export class SingletonContext {
  private readonly storage = new AsyncLocalStorage<SingletonRun>();

  /** @returns the run of the `@Singleton` method executing now, or `undefined` outside one */
  current(): SingletonRun | undefined {
    return this.storage.getStore();
  }

  /**
   * @internal Calls `fn(...args)` inside a run, as the singleton layer does.
   *
   * @returns what `fn` returned
   */
  run<A extends unknown[], R>(run: SingletonRun, fn: (...args: A) => R, ...args: A): R {
    return this.storage.run(run, fn, ...args);
  }
}
