import { cache, tagKey } from '@bulwark/core';
import { useRedisServers } from '@bulwark/test/support';
import { Cluster } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisCacheTier, RedisCacheStore, type RedisCacheTier } from '../src/index.js';

const NOW = Date.now();
const entry = (value: unknown) => ({ value, createdAt: NOW, expiresAt: NOW + 60_000, staleUntil: NOW + 60_000 });

describe('the cache tier on a Redis Cluster client', () => {
  // One node owning every slot: Redis still refuses multi-key commands across slots (CROSSSLOT).
  const servers = useRedisServers(1, { args: ['--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf', '--cluster-announce-ip', '127.0.0.1'] });
  let cluster: Cluster;

  beforeAll(async () => {
    const admin = servers[0].client();
    await admin.call('CLUSTER', 'ADDSLOTSRANGE', '0', '16383');
    cluster = new Cluster([{ host: servers[0].host, port: servers[0].port }]);
    await new Promise((resolve) => cluster.once('ready', resolve));
  });

  afterAll(() => cluster.disconnect());

  it('reads tags of different slots, where one MGET would be refused', async () => {
    const store = new RedisCacheStore({ client: cluster });
    const tags = ['sku:1', 'sku:2', 'sku:3'].map((tag) => tagKey('shop', tag));
    await expect(cluster.mget(...tags)).rejects.toThrow(/CROSSSLOT/);
    await store.invalidateTag(tags[1], NOW - 5);
    await store.invalidateTag(tags[2], NOW - 9);
    expect(await store.tagInvalidatedAt(tags)).toBe(NOW - 5);
  });

  it('deletes by prefix across slots, scanning every master', async () => {
    const store = new RedisCacheStore({ client: cluster, deleteBatchSize: 10 });
    await Promise.all(Array.from({ length: 50 }, (_, i) => store.set(`shop:catalog:${i}`, entry(i))));
    await store.set('shop:other:1', entry('kept'));
    await store.deleteByPrefix('shop:catalog:');
    expect(await cluster.nodes('master')[0].keys('shop:catalog:*')).toEqual([]);
    expect((await store.get('shop:other:1'))?.value).toBe('kept');
  });

  it('shares entries and invalidations between two tiers', async () => {
    const tiers: RedisCacheTier[] = [createRedisCacheTier({ client: cluster, namespace: 'shop' }), createRedisCacheTier({ client: cluster, namespace: 'shop' })];
    try {
      await Promise.all(tiers.map((tier) => tier.ready()));
      const [a, b] = tiers.map((tier) => cache({ name: 'catalog', ...tier.cacheOptions }));
      expect(await a.getOrSet('SKU-1', async () => 'from a')).toBe('from a');
      expect(await b.getOrSet('SKU-1', async () => 'from b')).toBe('from a');
      const heard = new Promise((resolve) => tiers[1].bus.subscribe(resolve));
      await a.set('SKU-1', 'changed by a');
      expect(await heard).toMatchObject({ kind: 'key', value: a.keyOf('SKU-1') });
      expect(await b.get('SKU-1')).toBe('changed by a');
    } finally {
      for (const tier of tiers) tier.close();
    }
  });
});
