import { CacheStore, EventEmitter, type CacheEntry, type Event } from '@bulwark/core';
import { redisMessages } from '../redis.messages.js';
import type { RedisCacheWarning } from './redis-cache.events.js';
import { resolveRedisCacheStoreOptions, type RedisCacheStoreConfig } from './redis-cache-store.config.js';
import type { RedisCacheStoreOptions } from './redis-cache-store.options.js';
import { isClusterClient, type RedisClient } from './redis-client.js';
import { deleteByPrefix } from './delete-by-prefix.js';
import { COMPARE_AND_DELETE, SET_IF_LATER } from './redis.scripts.js';
import { fromStoredEntry, toStoredEntry } from './stored-entry.js';

/**
 * The L2 cache store on Redis: one string key per entry, expiring (PX) at the entry's `staleUntil`.
 * Errors from Redis propagate (wrap the store in core's `FailOpenCacheStore`, as
 * `createRedisCacheTier` does); what is not the server's fault is handled here and reported through
 * `onWarning`: an entry that cannot be decoded is a miss and is deleted, and a value that cannot be
 * encoded or is larger than `maxValueBytes` is not cached.
 *
 * With a Cluster client, no command names keys of two slots: tag times are read with one GET per
 * tag instead of MGET, and `deleteByPrefix` scans every master and unlinks key by key.
 *
 * @example
 * const store = new RedisCacheStore({ client: new Redis() });
 * store.onWarning((warning) => logger.warn(warning.message));
 */
export class RedisCacheStore extends CacheStore {
  /** Fires when an entry is not read or not written for a reason other than a Redis failure. */
  readonly onWarning: Event<RedisCacheWarning>;

  private readonly config: RedisCacheStoreConfig;
  private readonly client: RedisClient;
  private readonly cluster: boolean;
  private readonly warnings = new EventEmitter<RedisCacheWarning>();

  /**
   * @param options see {@link RedisCacheStoreOptions}; checked here, once
   * @throws InvalidOptionError naming the option, the value and what is allowed
   */
  constructor(options: RedisCacheStoreOptions) {
    super();
    this.config = resolveRedisCacheStoreOptions(options);
    this.client = this.config.client;
    this.cluster = isClusterClient(this.client);
    this.onWarning = this.warnings.event;
  }

  /**
   * @param key a full namespaced key
   * @returns the entry, or `undefined` when absent, past its `staleUntil`, or undecodable (then deleted)
   */
  async get<T>(key: string): Promise<CacheEntry<T> | undefined> {
    const data = await this.client.getBuffer(key);
    if (data === null) return undefined;
    let entry: CacheEntry<T>;
    try {
      entry = fromStoredEntry<T>(this.config.serializer.decode(data));
    } catch (error) {
      await this.discard(key, data, error);
      return undefined;
    }
    return entry.staleUntil > this.config.clock.now() ? entry : undefined;
  }

  /**
   * Stores an entry until its `staleUntil`. A value that cannot be encoded, or is too large, is not
   * stored (and an older copy is removed so other instances do not keep serving it).
   *
   * @param key a full namespaced key
   * @param entry the entry to store
   */
  async set<T>(key: string, entry: CacheEntry<T>): Promise<void> {
    const ttlMs = Math.ceil(entry.staleUntil - this.config.clock.now());
    if (ttlMs <= 0) return;
    const data = this.encode(key, entry);
    if (data === undefined) await this.client.unlink(key);
    else await this.client.set(key, data, 'PX', ttlMs);
  }

  /** @param key a full namespaced key to remove */
  async delete(key: string): Promise<void> {
    await this.client.unlink(key);
  }

  /** @param prefix a full namespaced key prefix, e.g. `shop:catalog:`; matched literally */
  async deleteByPrefix(prefix: string): Promise<void> {
    await deleteByPrefix(this.client, prefix, this.config.deleteBatchSize);
  }

  /**
   * Records `at` as the tag's invalidation time, unless a later one is already recorded, for
   * `tagTtl`. The tag is the Redis key: the cache engine hands stores namespaced, hashed tags
   * (core's `tagKey(namespace, tag)`: `<namespace>:__tag:<digest>`).
   *
   * @param tag the store-level tag
   * @param at wall-clock epoch ms of the invalidation
   */
  async invalidateTag(tag: string, at: number): Promise<void> {
    await this.client.eval(SET_IF_LATER, 1, tag, at, this.config.tagTtlMs);
  }

  /**
   * @param tags the store-level tags of one entry
   * @returns the latest invalidation time among the tags, 0 if none was invalidated
   */
  async tagInvalidatedAt(tags: readonly string[]): Promise<number> {
    if (tags.length === 0) return 0;
    const times =
      tags.length === 1 ? [await this.client.get(tags[0])]
      : this.cluster ? await Promise.all(tags.map((tag) => this.client.get(tag)))
      : await this.client.mget(...tags);
    let latest = 0;
    for (const time of times) {
      const at = time === null ? 0 : Number(time);
      if (at > latest) latest = at;
    }
    return latest;
  }

  private encode(key: string, entry: CacheEntry<unknown>): string | Buffer | undefined {
    let data: string | Buffer;
    try {
      data = this.config.serializer.encode(toStoredEntry(entry));
    } catch (error) {
      this.warn({ kind: 'unserializable-value', key, error, message: redisMessages.unserializableValue(key, reasonOf(error)) });
      return undefined;
    }
    const max = this.config.maxValueBytes;
    // A UTF-16 code unit is at most 3 UTF-8 bytes: short strings need no exact count.
    const bytes = typeof data !== 'string' ? data.length : data.length * 3 <= max ? 0 : Buffer.byteLength(data);
    if (bytes <= max) return data;
    this.warn({ kind: 'value-too-large', key, bytes, maxBytes: max, message: redisMessages.valueTooLarge(key, bytes, max) });
    return undefined;
  }

  private async discard(key: string, data: Buffer, error: unknown): Promise<void> {
    this.warn({ kind: 'corrupt-entry', key, error, message: redisMessages.corruptEntry(key, reasonOf(error)) });
    // Compare-and-delete: a good value written since the read must survive. A failure here only
    // means the next read finds the same entry and tries again.
    await this.client.eval(COMPARE_AND_DELETE, 1, key, data).catch(() => undefined);
  }

  private warn(warning: RedisCacheWarning): void {
    if (this.warnings.hasListeners) this.warnings.emit(warning);
  }
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
