import { neverAbortedSignal } from '../policy/policy.js';
import type { CacheEntry } from './cache-entry.js';
import { digest } from './key-digest.js';
import { resolveCallOptions, type CacheSettings, type EntrySettings } from './cache.config.js';
import type { CacheEmitters } from './cache.emitters.js';
import type { CacheCallOptions, CacheFactory } from './cache.options.js';

/**
 * @internal Computes entries for a cache: one factory call per key at a time in this process
 * (and, with a `DistributedSingleFlight`, across instances), under `hardTimeout`, then stores
 * the result unless an invalidation happened meanwhile.
 */
export class CacheLoader {
  private readonly flights = new Map<string, Promise<unknown>>();
  /** Bumped by every invalidation: a load that started before one does not store its value. */
  private generation = 0;

  constructor(
    private readonly settings: CacheSettings,
    private readonly emit: CacheEmitters,
    private readonly readFresh: (key: string) => Promise<unknown>,
  ) {}

  /** @returns whether a load of `key` is running in this process */
  isLoading(key: string): boolean {
    return this.flights.has(key);
  }

  /** Loads running now still answer their callers, but do not store what they computed. */
  invalidate(): void {
    this.generation++;
  }

  /** Starts loading `key`, or joins the load already running. */
  load<T>(key: string, factory: CacheFactory<T>, options: CacheCallOptions<T> | undefined): Promise<T> {
    const running = this.flights.get(key);
    if (running !== undefined) return running as Promise<T>;
    const flight: Promise<T> = this.coordinate(key, factory, options).finally(() => {
      if (this.flights.get(key) === flight) this.flights.delete(key);
    });
    this.flights.set(key, flight);
    return flight;
  }

  /**
   * Builds the entry a value is stored as, or `undefined` when the value is not cached
   * (`undefined`, or `null` without `cacheNull`).
   */
  entryOf<T>(value: T, startedAt: number, finishedAt: number, options: CacheCallOptions<T> | undefined): CacheEntry<T> | undefined {
    if (value === undefined || (value === null && !this.settings.cacheNull)) return undefined;
    if (options?.unless?.(value) === true) return undefined;
    const how: EntrySettings = resolveCallOptions(this.settings, options as CacheCallOptions<never> | undefined);
    const expiresAt = finishedAt + how.ttlMs;
    const entry = { value, createdAt: startedAt, expiresAt, staleUntil: expiresAt + how.graceMs, computeMs: finishedAt - startedAt };
    const tags = this.tagsOf(value, how);
    return tags.length === 0 ? entry : { ...entry, tags };
  }

  private async coordinate<T>(key: string, factory: CacheFactory<T>, options: CacheCallOptions<T> | undefined): Promise<T> {
    const flight = this.settings.singleFlight;
    if (flight === undefined) return this.compute(key, factory, options);
    let outcome: { value: T } | undefined;
    let computed = false;
    const compute = async (): Promise<T> => {
      computed = true;
      outcome = { value: await this.compute(key, factory, options) };
      return outcome.value;
    };
    try {
      return await flight.run(key, compute, () => this.readFresh(key) as Promise<T | undefined>, this.settings.flightBounds);
    } catch (error) {
      if (outcome !== undefined) return outcome.value;
      if (computed) throw error;
      // Coordination is an optimisation: when it fails, computing here is still correct.
      this.emit.storeFailed('single-flight', error);
      return this.compute(key, factory, options);
    }
  }

  private async compute<T>(key: string, factory: CacheFactory<T>, options: CacheCallOptions<T> | undefined): Promise<T> {
    const clock = this.settings.clock;
    const generation = this.generation;
    const startedAt = clock.now();
    let value: T;
    try {
      value = await this.run(key, factory);
    } catch (error) {
      this.emit.factoryThrew(key, clock.now() - startedAt, error);
      throw error;
    }
    const finishedAt = clock.now();
    this.emit.factoryReturned(key, finishedAt - startedAt);
    if (generation === this.generation) await this.store(key, this.entryOf(value, startedAt, finishedAt, options));
    return value;
  }

  private run<T>(key: string, factory: CacheFactory<T>): PromiseLike<T> | T {
    const hardTimeout = this.settings.hardTimeout;
    if (hardTimeout === undefined) return factory({ signal: neverAbortedSignal, key });
    return hardTimeout.execute(({ signal }) => factory({ signal, key }));
  }

  private async store(key: string, entry: CacheEntry | undefined): Promise<void> {
    if (entry === undefined) return;
    try {
      await this.settings.store.set(key, entry);
    } catch (error) {
      this.emit.storeFailed('set', error);
    }
  }

  private tagsOf<T>(value: T, how: EntrySettings): readonly string[] {
    if (how.tagsOf.length === 0) return how.tags;
    const tags = [...how.tags];
    for (const tagsOf of how.tagsOf) for (const tag of tagsOf(value)) tags.push(this.settings.tagPrefix + digest(tag));
    return tags;
  }
}
