import {
  EventEmitter,
  FailOpenCacheStore,
  MemoryCacheStore,
  TieredCacheStore,
  type CacheOptions,
  type CircuitStateChangeEvent,
  type DistributedSingleFlight,
  type Event,
} from '@bulwark/core';
import { Redis } from 'ioredis';
import { BreakerAwareSingleFlight } from './breaker-aware.single-flight.js';
import { failFastRedisOptions } from './fail-fast.redis-options.js';
import { FailOpenInvalidationBus } from './fail-open-invalidation.bus.js';
import { RedisCacheStore } from './redis-cache.store.js';
import type { RedisCacheWarning } from './redis-cache.events.js';
import { resolveRedisCacheTierOptions, type RedisCacheTierConfig } from './redis-cache-tier.config.js';
import type { RedisCacheTierOptions } from './redis-cache-tier.options.js';
import { clientCommandTimeoutMs, clientReady, type RedisClient } from './redis-client.js';
import { RedisInvalidationBus } from './redis-invalidation.bus.js';
import { RedisSingleFlight } from './redis-single-flight.js';

/** Emitted by `RedisCacheTier.onError`: a failure the tier carried on without. One per failure: log `onStateChange` instead. */
export interface RedisCacheTierErrorEvent {
  /** `connection`: the tier's own client; `bus`: publishing or listening; `single-flight`: coordinating; `l1`: applying another instance's invalidation. */
  readonly source: 'connection' | 'bus' | 'single-flight' | 'l1';
  readonly error: unknown;
}

/** What a cache needs from the tier, to spread into core's `cache({ ... })`. */
export type RedisCacheTierCacheOptions = Required<Pick<CacheOptions, 'namespace' | 'store'>> & Pick<CacheOptions, 'singleFlight'>;

/**
 * A two-tier, fail-open cache backend on Redis, built by {@link createRedisCacheTier}: a per-process
 * L1 (`MemoryCacheStore`) in front of Redis (`RedisCacheStore` inside core's `FailOpenCacheStore`:
 * command timeout and circuit breaker), an invalidation bus over pub/sub that drops other
 * instances' L1 copies, and a cross-instance single flight.
 */
export class RedisCacheTier {
  /** The namespace of every key and channel. */
  readonly namespace: string;
  /** The ioredis client in use (the caller's, or the tier's own). */
  readonly client: RedisClient;
  /** What caches store into: L1 in front of the fail-open Redis store. */
  readonly store: TieredCacheStore;
  /** The per-process tier. */
  readonly l1: MemoryCacheStore;
  /** The Redis store behind its timeout and breaker (`l2.breaker`, `l2.state` for health checks). */
  readonly l2: FailOpenCacheStore;
  /** The Redis store itself. */
  readonly redisStore: RedisCacheStore;
  /** The pub/sub invalidation bus. */
  readonly bus: RedisInvalidationBus;
  /** The cross-instance single flight, unless turned off. */
  readonly singleFlight: RedisSingleFlight | undefined;
  /** Spread into core's `cache({ name, ...tier.cacheOptions })`. */
  readonly cacheOptions: RedisCacheTierCacheOptions;
  /** Fires when the breaker around Redis changes state: Redis became unreachable, is probed, or is back. */
  readonly onStateChange: Event<CircuitStateChangeEvent>;
  /** Fires when a value is not cached or an entry not read for a reason other than Redis failing. */
  readonly onWarning: Event<RedisCacheWarning>;
  /** Fires for every failure the tier carried on without (see {@link RedisCacheTierErrorEvent}). */
  readonly onError: Event<RedisCacheTierErrorEvent>;

  private readonly ownsClient: boolean;
  private readonly errors = new EventEmitter<RedisCacheTierErrorEvent>();

  /** @internal Use {@link createRedisCacheTier}. */
  constructor(config: RedisCacheTierConfig) {
    this.namespace = config.namespace;
    this.ownsClient = 'redis' in config.connection;
    this.client = this.connect(config);
    this.redisStore = new RedisCacheStore({ client: this.client, ...config.store });
    this.l2 = new FailOpenCacheStore(this.redisStore, { commandTimeout: ownCommandTimeout(this.client, config.commandTimeoutMs), breaker: config.breaker });
    this.l1 = new MemoryCacheStore(config.l1);
    this.bus = new RedisInvalidationBus({ client: this.client, namespace: config.namespace, clock: config.clock });
    this.bus.onError((error) => this.report('bus', error));
    const bus = new FailOpenInvalidationBus(this.bus, this.l2, (error) => this.report('bus', error));
    this.store = new TieredCacheStore(this.l1, this.l2, { bus, l1Ttl: config.l1Ttl, clock: config.clock });
    this.store.onError(({ error }) => this.report('l1', error));
    this.singleFlight = config.singleFlight === false ? undefined : new RedisSingleFlight({ client: this.client, namespace: config.namespace, runCommand: (command) => this.l2.execute(command), ...config.singleFlight });
    this.singleFlight?.onError((error) => this.report('single-flight', error));
    const singleFlight: DistributedSingleFlight | undefined = this.singleFlight && new BreakerAwareSingleFlight(this.singleFlight, this.l2.breaker);
    this.cacheOptions = { namespace: config.namespace, store: this.store, singleFlight };
    this.onStateChange = this.l2.onStateChange;
    this.onWarning = this.redisStore.onWarning;
    this.onError = this.errors.event;
  }

  /**
   * @returns a promise settled once the tier's client runs commands and invalidations and landings
   *   from other instances are heard; until then the fail-fast client treats every call as a miss
   */
  async ready(): Promise<void> {
    await Promise.all([clientReady(this.client), this.bus.subscribed(), this.singleFlight?.listening()]);
  }

  /** Stops listening to other instances and closes the tier's connections; never the caller's client. */
  close(): void {
    this.store.dispose();
    this.bus.close();
    this.singleFlight?.close();
    if (this.ownsClient) this.client.disconnect();
  }

  private connect(config: RedisCacheTierConfig): RedisClient {
    const connection = config.connection;
    if ('client' in connection) return connection.client;
    const failFast = failFastRedisOptions(config.commandTimeoutMs);
    const client = typeof connection.redis === 'string' ? new Redis(connection.redis, failFast) : new Redis({ ...failFast, ...connection.redis });
    // Without a listener, ioredis prints every connection error to the console.
    client.on('error', (error: Error) => this.report('connection', error));
    return client;
  }

  private report(source: RedisCacheTierErrorEvent['source'], error: unknown): void {
    if (this.errors.hasListeners) this.errors.emit({ source, error });
  }
}

/**
 * A client that times out every command within the tier's limit needs no second deadline around
 * each call, which the hot path would pay for; one without (or with a longer one) gets the tier's.
 */
function ownCommandTimeout(client: RedisClient, commandTimeoutMs: number): number | false {
  const clientTimeoutMs = clientCommandTimeoutMs(client);
  return clientTimeoutMs !== undefined && clientTimeoutMs > 0 && clientTimeoutMs <= commandTimeoutMs ? false : commandTimeoutMs;
}

/**
 * Builds the Redis cache tier: what core's cache engine needs to share entries between instances
 * and stay up when Redis does not. Reads hit the per-process L1, then Redis; writes go to both;
 * every other instance drops its L1 copy within milliseconds (pub/sub); one instance at a time
 * computes a missing key; and when Redis is slow or down, calls cost at most `commandTimeout`
 * until the breaker opens, then nothing, and the tier heals by itself once Redis answers again.
 *
 * @param options `client` or `redis`, plus `namespace` and tuning; see {@link RedisCacheTierOptions}
 * @returns the tier; spread `tier.cacheOptions` into `cache({ ... })`, and `close()` it on shutdown
 * @throws InvalidOptionError naming the option, the value and what is allowed
 * @example
 * const tier = createRedisCacheTier({ redis: 'redis://localhost:6379', namespace: 'shop' });
 * const catalog = cache({ name: 'catalog', ttl: '15m', ...tier.cacheOptions });
 * tier.onStateChange(({ to }) => console.warn(`redis cache: ${to}`));
 */
export function createRedisCacheTier(options: RedisCacheTierOptions): RedisCacheTier {
  return new RedisCacheTier(resolveRedisCacheTierOptions(options));
}
