import { CircuitBreakerPolicy } from '../circuit-breaker/circuit-breaker.policy.js';
import type { CircuitStateChangeEvent } from '../circuit-breaker/circuit-breaker.events.js';
import type { CircuitState } from '../circuit-breaker/circuit-state.js';
import type { Event } from '../events/event.js';
import { EventEmitter } from '../events/event-emitter.js';
import type { CacheEntry } from './cache-entry.js';
import { CacheStore } from './cache.store.js';
import { CommandDeadlines } from './command-deadlines.js';
import { resolveFailOpenCacheOptions } from './fail-open-cache.config.js';
import type { FailOpenCacheStoreOptions } from './fail-open-cache.options.js';

/** Emitted by `FailOpenCacheStore.onError` for every call that failed, timed out or was refused. */
export interface FailOpenCacheErrorEvent {
  /** The store method. */
  readonly operation: 'get' | 'set' | 'delete' | 'deleteByPrefix' | 'invalidateTag' | 'tagInvalidatedAt';
  /** What it threw: the store's error, a `TimeoutError`, or a `BrokenCircuitError` while open. */
  readonly error: unknown;
}

/**
 * Makes a cache store that may fail (a remote L2) harmless: every call gets `commandTimeout`
 * inside a circuit breaker, and a failure becomes a miss (`get`), "never invalidated"
 * (`tagInvalidatedAt`) or a no-op (writes and deletes), never an exception. While the circuit is
 * open, calls are skipped at once; it probes and closes by itself once the store answers again.
 * Watch `onStateChange` (one event per transition) rather than `onError` (one per call) in logs.
 *
 * @example
 * const l2 = new FailOpenCacheStore(redisStore, { commandTimeout: '50ms', breaker: { openDuration: '10s' } });
 * l2.onStateChange(({ from, to, reason }) => console.warn(`cache store ${from} -> ${to}: ${reason}`));
 */
export class FailOpenCacheStore extends CacheStore {
  /** The breaker guarding the store: for health checks and manual control. */
  readonly breaker: CircuitBreakerPolicy;
  /** Fires on every breaker transition: the store became unreachable, is probed, or recovered. */
  readonly onStateChange: Event<CircuitStateChangeEvent>;
  /** Fires for every call that failed, timed out or was refused, after it became a miss or no-op. */
  readonly onError: Event<FailOpenCacheErrorEvent>;
  private readonly deadlines: CommandDeadlines | undefined;
  private readonly errors = new EventEmitter<FailOpenCacheErrorEvent>();

  /**
   * @param inner the store to protect
   * @param options `commandTimeout` and `breaker`
   * @throws InvalidOptionError naming the argument or option, the value and what is allowed
   */
  constructor(
    readonly inner: CacheStore,
    options?: FailOpenCacheStoreOptions,
  ) {
    super();
    const settings = resolveFailOpenCacheOptions(inner, options);
    this.deadlines = settings.commandTimeoutMs === undefined ? undefined : new CommandDeadlines(settings.commandTimeoutMs);
    this.breaker = new CircuitBreakerPolicy(settings.breaker);
    this.onStateChange = this.breaker.onStateChange;
    this.onError = this.errors.event;
  }

  /** The breaker's state: `CLOSED` while the store answers. */
  get state(): CircuitState {
    return this.breaker.state;
  }

  /** @inheritDoc A failure is a miss. */
  get<T>(key: string): Promise<CacheEntry<T> | undefined> {
    return this.guard('get', () => this.inner.get<T>(key), undefined);
  }

  /** @inheritDoc A failure is a no-op. */
  set<T>(key: string, entry: CacheEntry<T>): Promise<void> {
    return this.guard('set', () => this.inner.set(key, entry), undefined);
  }

  /** @inheritDoc A failure is a no-op. */
  delete(key: string): Promise<void> {
    return this.guard('delete', () => this.inner.delete(key), undefined);
  }

  /** @inheritDoc A failure is a no-op. */
  deleteByPrefix(prefix: string): Promise<void> {
    return this.guard('deleteByPrefix', () => this.inner.deleteByPrefix(prefix), undefined);
  }

  /** @inheritDoc A failure is a no-op: the invalidation is lost for this store. */
  invalidateTag(tag: string, at: number): Promise<void> {
    return this.guard('invalidateTag', () => this.inner.invalidateTag(tag, at), undefined);
  }

  /** @inheritDoc A failure reads as "never invalidated" (0). */
  tagInvalidatedAt(tags: readonly string[]): Promise<number> {
    return this.guard('tagInvalidatedAt', () => this.inner.tagInvalidatedAt(tags), 0);
  }

  /**
   * Runs another command against the same backend under this store's time limit and breaker, e.g.
   * publishing an invalidation on the same Redis: its failures count toward opening the circuit,
   * and while the circuit is open it is refused at once. Unlike the store methods, it throws.
   *
   * @param command the command
   * @returns what the command returned
   * @throws BrokenCircuitError while the circuit refuses calls, TimeoutError after `commandTimeout`,
   *   or what the command threw
   */
  execute<R>(command: () => Promise<R>): Promise<R> {
    const deadlines = this.deadlines;
    return this.breaker.execute(deadlines === undefined ? command : () => deadlines.run(command));
  }

  private guard<R>(operation: FailOpenCacheErrorEvent['operation'], command: () => Promise<R>, fallback: R): Promise<R> {
    // then() rather than an async function: one promise fewer on every call.
    return this.execute(command).then(undefined, (error: unknown) => {
      if (this.errors.hasListeners) this.errors.emit({ operation, error });
      return fallback;
    });
  }
}
