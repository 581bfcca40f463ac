import { randomBytes } from 'node:crypto';
import { DistributedSingleFlight, EventEmitter, type DistributedSingleFlightOptions, type Event } from '@bulwark/core';
import { ChannelListener } from './channel-listener.js';
import { LandingWaiters } from './landing-waiters.js';
import { resolveRedisSingleFlightOptions, type RedisSingleFlightConfig } from './redis-single-flight.config.js';
import type { RedisSingleFlightOptions } from './redis-single-flight.options.js';
import { landedChannel, singleFlightLockKey } from './redis-keys.js';
import { COMPARE_AND_DELETE, COMPARE_AND_EXTEND } from './redis.scripts.js';

/** A lock this instance holds for a key: until `expiresAt` on the single flight's clock, unless extended. */
interface HeldLock {
  readonly key: string;
  readonly lockKey: string;
  readonly token: string;
  readonly ttlMs: number;
  expiresAt: number;
}

/** A pause that does not keep the process alive. */
function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/**
 * Cross-instance single flight on Redis: of all the instances missing a key at once, one computes
 * it. The first takes a short lock (`SET <key>:__lock <token> NX PX lockTtlMs`, extended while it
 * computes), computes and stores the value (through `compute`), releases the lock by
 * compare-and-delete and announces the landing on `<namespace>:__landed`, retrying both while
 * Redis fails (until the lock would have expired). The others wait: woken by the announcement, and
 * polling with backoff in case it is lost, they re-read the store; after `maxWaitMs` a waiter
 * computes itself. Within one process, concurrent calls for a key share one flight.
 *
 * Fails open: when Redis cannot be reached, the caller computes at once (and `onError` fires).
 *
 * @example
 * const flight = new RedisSingleFlight({ client: redis, namespace: 'shop' });
 * const value = await flight.run(key, compute, read, { maxWaitMs: 5_000, lockTtlMs: 10_000 });
 */
export class RedisSingleFlight extends DistributedSingleFlight {
  /** Fires for Redis errors: a lock that could not be taken or released, a lost announcement. */
  readonly onError: Event<Error>;

  private readonly config: RedisSingleFlightConfig;
  private readonly errors = new EventEmitter<Error>();
  private readonly inFlight = new Map<string, Promise<unknown>>();
  private readonly waiters = new LandingWaiters();
  private readonly listener: ChannelListener;
  private readonly channel: string;
  private closed = false;

  /**
   * @param options see {@link RedisSingleFlightOptions}; checked here, once
   * @throws InvalidOptionError naming the option, the value and what is allowed
   */
  constructor(options: RedisSingleFlightOptions) {
    super();
    this.config = resolveRedisSingleFlightOptions(options);
    this.onError = this.errors.event;
    this.channel = landedChannel(this.config.namespace);
    this.listener = new ChannelListener(this.config.client, this.channel, {
      message: (key) => this.waiters.wake(key),
      // A landing may have been missed: the waiters' polling finds it.
      resubscribed: () => undefined,
      error: (error) => this.report(error),
    });
  }

  /**
   * Runs `compute` on at most one instance at a time for `key` (see the class description).
   *
   * @param key the cache key
   * @param compute computes and stores the value
   * @param read re-reads the shared store; `undefined` when the value has not landed
   * @param options how long a waiter waits, and how long the lock outlives a crashed holder
   * @returns the computed or read value
   * @throws whatever `compute` throws, when this caller computes
   */
  run<T>(key: string, compute: () => Promise<T>, read: () => Promise<T | undefined>, options: DistributedSingleFlightOptions): Promise<T> {
    const joined = this.inFlight.get(key);
    if (joined !== undefined) return joined as Promise<T>;
    const flight = this.fly(key, compute, read, options).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, flight);
    return flight;
  }

  /** @returns a promise settled once landings are heard (waiters poll until then) */
  listening(): Promise<void> {
    return this.listener.listening();
  }

  /** Closes the subscriber connection (not the client it was duplicated from) and stops retrying releases. */
  close(): void {
    this.closed = true;
    this.listener.close();
  }

  private async fly<T>(key: string, compute: () => Promise<T>, read: () => Promise<T | undefined>, options: DistributedSingleFlightOptions): Promise<T> {
    this.listener.open();
    const { clock, maxPollMs } = this.config;
    const deadline = clock.now() + options.maxWaitMs;
    const lockKey = singleFlightLockKey(key);
    const token = randomBytes(16).toString('base64url');
    let pauseMs = this.config.pollMs;
    for (;;) {
      // Registered before trying the lock, so a landing announced from then on wakes this waiter.
      const landing = this.waiters.register(key);
      const lockedAt = clock.now();
      const locked = await this.tryLock(lockKey, token, options.lockTtlMs);
      if (locked !== false) {
        landing.cancel();
        if (locked !== true) return compute();
        return this.lead({ key, lockKey, token, ttlMs: options.lockTtlMs, expiresAt: lockedAt + options.lockTtlMs }, compute, read);
      }
      const remainingMs = deadline - clock.now();
      if (remainingMs <= 0) {
        landing.cancel();
        return compute();
      }
      await landing.until(Math.min(pauseMs, remainingMs));
      pauseMs = Math.min(pauseMs * 2, maxPollMs);
      const landed = await this.read(read);
      if (landed !== undefined) return landed;
      if (clock.now() >= deadline) return compute();
    }
  }

  /** @returns true when locked, false when another instance holds the lock, 'unreachable' when Redis failed */
  private async tryLock(lockKey: string, token: string, ttlMs: number): Promise<boolean | 'unreachable'> {
    try {
      const { client, runCommand } = this.config;
      return (await runCommand(() => client.set(lockKey, token, 'PX', Math.max(1, Math.ceil(ttlMs)), 'NX'))) === 'OK';
    } catch (error) {
      this.report(error);
      return 'unreachable';
    }
  }

  private async lead<T>(lock: HeldLock, compute: () => Promise<T>, read: () => Promise<T | undefined>): Promise<T> {
    const stopExtending = this.keepLocked(lock);
    try {
      // The previous holder may have landed the value between our caller's miss and our lock.
      const landed = await this.read(read);
      return landed !== undefined ? landed : await compute();
    } finally {
      stopExtending();
      // Not awaited: the caller has its value.
      void this.release(lock);
    }
  }

  /**
   * Extends the lock every third of its ttl while the holder computes: a slow computation keeps it,
   * and only a holder that crashed or lost Redis lets it lapse, after at most `lockTtlMs`.
   *
   * @returns stops extending
   */
  private keepLocked(lock: HeldLock): () => void {
    const { client, runCommand, clock } = this.config;
    const extend = (): void => {
      const sentAt = clock.now();
      runCommand(() => client.eval(COMPARE_AND_EXTEND, 1, lock.lockKey, lock.token, Math.ceil(lock.ttlMs))).then(
        (extended) => {
          if (extended === 1) lock.expiresAt = sentAt + lock.ttlMs;
          // Gone (it lapsed, and another instance may hold it now): nothing left to keep.
          else clearInterval(timer);
        },
        (error: unknown) => this.report(error),
      );
    };
    const timer = setInterval(extend, Math.max(1, lock.ttlMs / 3));
    timer.unref();
    return () => clearInterval(timer);
  }

  /**
   * Releases the lock and announces the landing, retrying with backoff while Redis fails: a lock
   * left behind would make every waiter sit out `maxWait` for a value that may never land (its
   * write failed too). Gives up once the lock has expired by itself, or when closed.
   */
  private async release({ key, lockKey, token, expiresAt }: HeldLock): Promise<void> {
    const { client, runCommand, clock, pollMs, maxPollMs } = this.config;
    for (let pauseMs = pollMs; ; pauseMs = Math.min(pauseMs * 2, maxPollMs)) {
      try {
        await runCommand(() => client.eval(COMPARE_AND_DELETE, 1, lockKey, token));
        await runCommand(() => client.publish(this.channel, key));
        return;
      } catch (error) {
        this.report(error);
      }
      if (this.closed || clock.now() + pauseMs >= expiresAt) return;
      await sleep(pauseMs);
    }
  }

  /** A failed re-read is a miss: the single flight must never fail a caller that could compute. */
  private async read<T>(read: () => Promise<T | undefined>): Promise<T | undefined> {
    try {
      return await read();
    } catch (error) {
      this.report(error);
      return undefined;
    }
  }

  private report(error: unknown): void {
    if (this.errors.hasListeners) this.errors.emit(error instanceof Error ? error : new Error(String(error)));
  }
}
