import { cache, type CachePolicy } from '@bulwark/core';
import { RedisCacheStore, createRedisCacheTier, failFastRedisOptions } from '@bulwark/redis';
import { Redis } from 'ioredis';
import type { ReadThrough } from './stampede.js';
import { CountingFactory, HOT_KEY, PRODUCT, check, type Op, type Product } from './subjects.js';

/** Redis hits of one key, through Bulwark and through a bare client. */
export interface L2Subjects {
  /** `client.get(key)` of a key holding the same bytes Bulwark stored: the floor. */
  readonly rawGet: Op;
  /** The same, then `JSON.parse`: what a hand-written cache-aside read costs. */
  readonly rawGetParse: Op;
  /** `getOrSet` on `cache({ store: new RedisCacheStore(...) })`: the engine, the store and decoding. */
  readonly bulwarkStore: Op;
  /** `getOrSet` on `cache({ store: tier.l2 })`: adds the fail-open wrapper (the breaker; the client times commands out). */
  readonly bulwarkFailOpen: Op;
  /** `getOrSet` on `cache({ ...tier.cacheOptions })` with an L1 that holds nothing: the whole L2 path of the tier. */
  readonly bulwarkTier: Op;
  /** `getOrSet` on another cache of the same tier, for the stampede. */
  readonly readThroughTier: ReadThrough;
  /** The size of the stored entry, in bytes (the raw key holds the same bytes). */
  readonly payloadBytes: number;
  /**
   * Checks every subject answers the product, the tier read it from Redis (L2), and no factory ran.
   *
   * @throws {Error} when one does not
   */
  verify(): Promise<void>;
  /** Closes the tier and the client. */
  close(): void;
}

/**
 * Builds the L2 subjects against one Redis server and one ioredis client (fail-fast options, as
 * the tier's README recommends). The tier's L1 refuses every entry (`maxBytes: 1`, and a `sizeOf`
 * of 2 so no time goes into estimating sizes): each read misses L1, reads Redis through the
 * fail-open store, decodes, and offers the entry to L1, as a default L1 does on a miss (where it
 * would keep it).
 *
 * @param port the throwaway server's port
 * @returns the subjects to time
 */
export async function l2Subjects(port: number): Promise<L2Subjects> {
  const client = new Redis({ ...failFastRedisOptions(1_000), host: '127.0.0.1', port, lazyConnect: true });
  await client.connect();
  // The tier's commandTimeout is the client's, as the README advises: the client times out each
  // command, so the tier adds no deadline of its own (a loaded machine can take more than 100 ms).
  const tier = createRedisCacheTier({ client, namespace: 'bench', commandTimeout: '1s', l1: { maxBytes: 1, sizeOf: () => 2 } });
  await tier.ready();
  const options = { name: 'products', ttl: '1h', earlyRefresh: false } as const;
  const viaTier = cache({ ...options, ...tier.cacheOptions });
  const viaFailOpen = cache({ ...options, namespace: tier.namespace, store: tier.l2 });
  const viaStore = cache({ ...options, namespace: tier.namespace, store: new RedisCacheStore({ client }) });
  const stampedes = cache({ name: 'stampede', ttl: '1m', ...tier.cacheOptions });
  const factory = new CountingFactory(PRODUCT);
  await viaTier.set(HOT_KEY, PRODUCT);
  const key = viaTier.keyOf(HOT_KEY);
  // Same length and same bytes as Bulwark's entry, so the floor moves exactly as much data.
  const rawKey = key.replace('bench:products:', 'bench:raw-gets:');
  const stored = await client.getBuffer(key);
  check(stored !== null && rawKey.length === key.length, 'the entry is in Redis');
  await client.set(rawKey, stored!);
  const hit = (policy: CachePolicy): Op => () => policy.getOrSet(HOT_KEY, factory.call);
  return {
    rawGet: () => client.get(rawKey),
    rawGetParse: async () => JSON.parse((await client.get(rawKey))!) as unknown,
    bulwarkStore: hit(viaStore),
    bulwarkFailOpen: hit(viaFailOpen),
    bulwarkTier: hit(viaTier),
    readThroughTier: (key, compute) => stampedes.getOrSet(key, compute),
    payloadBytes: stored!.length,
    async verify() {
      const tiers: string[] = [];
      const listening = tier.store.onHit((event) => tiers.push(event.tier));
      for (const policy of [viaStore, viaFailOpen, viaTier]) {
        check((await policy.getOrSet<Product>(HOT_KEY, factory.call)).sku === HOT_KEY, `${policy.name} answers the product`);
      }
      listening.dispose();
      check(tiers.length === 1 && tiers[0] === 'l2', 'the tier answered from Redis, not from L1');
      check(tier.l1.size === 0 && tier.l2.state === 'CLOSED', "the tier's L1 holds nothing and its breaker is closed");
      const raw = await client.getBuffer(rawKey);
      check(raw !== null && raw.equals(stored!), 'the raw key holds the same bytes');
      check(factory.calls === 0, 'no L2 factory ran: every call was a hit');
    },
    close() {
      tier.close();
      client.disconnect();
    },
  };
}
