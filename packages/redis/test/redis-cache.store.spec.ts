import { isInvalidOptionError, tagKey, type CacheEntry } from '@bulwark/core';
import { useRedisServers } from '@bulwark/test/support';
import { Redis } from 'ioredis';
import { beforeEach, describe, expect, it } from 'vitest';
import { RedisCacheStore, type RedisCacheStoreOptions, type RedisCacheWarning } from '../src/index.js';
import { msgpackSerializer } from './fixtures/msgpack.serializer.js';

const NOW = 1_700_000_000_000;
const entry = <T>(value: T, extra: Partial<CacheEntry<T>> = {}): CacheEntry<T> => ({
  value,
  createdAt: NOW - 10,
  expiresAt: NOW + 60_000,
  staleUntil: NOW + 120_000,
  ...extra,
});

describe('RedisCacheStore against a real redis-server', () => {
  const servers = useRedisServers(1);
  let warnings: RedisCacheWarning[];
  const storeWith = (options: Partial<RedisCacheStoreOptions> = {}): RedisCacheStore => {
    const store = new RedisCacheStore({ client: servers[0].client(), clock: { now: () => NOW }, ...options });
    store.onWarning((warning) => warnings.push(warning));
    return store;
  };
  const redis = () => servers[0].client();

  beforeEach(async () => {
    warnings = [];
    await servers[0].client().flushall();
  });

  it('reads back what it wrote, with every field of the entry', async () => {
    const store = storeWith();
    const written = entry({ name: 'kettle' }, { tags: ['sku:1', 'kitchen'], computeMs: 12.5 });
    await store.set('shop:catalog:a', written);
    expect(await store.get('shop:catalog:a')).toStrictEqual(written);
    expect(await store.get('shop:catalog:missing')).toBeUndefined();
  });

  it('round-trips Date, Map, Set and BigInt through Redis', async () => {
    const store = storeWith();
    const value = { at: new Date('2024-01-02T03:04:05.006Z'), stock: new Map([['a', 1n << 70n]]), ids: new Set([1, 2]) };
    await store.set('shop:catalog:typed', entry(value));
    expect((await store.get<typeof value>('shop:catalog:typed'))?.value).toStrictEqual(value);
  });

  it('lets Redis expire the entry at staleUntil', async () => {
    await storeWith().set('shop:catalog:ttl', entry(1));
    const ttl = await redis().pttl('shop:catalog:ttl');
    expect(ttl).toBeGreaterThan(119_000);
    expect(ttl).toBeLessThanOrEqual(120_000);
  });

  it('stores nothing for an entry already past staleUntil, and reads such an entry as a miss', async () => {
    await storeWith().set('shop:catalog:old', entry(1, { staleUntil: NOW - 1 }));
    expect(await redis().exists('shop:catalog:old')).toBe(0);
    await storeWith().set('shop:catalog:later', entry(1));
    expect(await storeWith({ clock: { now: () => NOW + 120_000 } }).get('shop:catalog:later')).toBeUndefined();
  });

  it.each([
    ['bytes that are not JSON', '\u0000\u00ff{garbage'],
    ['JSON that is not an entry', '{"__proto__":{"polluted":true}}'],
    ['an entry with an unknown type tag', '{"v":{"$t":"Function","v":"return process"},"c":1,"e":2,"s":3}'],
    ['an entry without times', '{"v":1}'],
  ])('reads %s as a miss, deletes it and warns', async (_name, payload) => {
    await redis().set('shop:catalog:corrupt', payload);
    expect(await storeWith().get('shop:catalog:corrupt')).toBeUndefined();
    expect(await redis().exists('shop:catalog:corrupt')).toBe(0);
    expect(warnings).toEqual([
      expect.objectContaining({ kind: 'corrupt-entry', key: 'shop:catalog:corrupt', message: expect.stringContaining('Cache entry "shop:catalog:corrupt" could not be decoded, so it was read as a miss and deleted') }),
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('does not delete a good value written between reading a corrupt one and deleting it', async () => {
    const client = redis();
    const store = new RedisCacheStore({ client, clock: { now: () => NOW } });
    await client.set('shop:catalog:race', 'corrupt');
    const good = JSON.stringify({ v: 'good', c: NOW, e: NOW + 1, s: NOW + 2 });
    // Overwrite right after the GET reply is read, before the compare-and-delete runs.
    const getBuffer = client.getBuffer.bind(client);
    client.getBuffer = (async (key: string) => {
      const data = await getBuffer(key);
      await servers[0].client().set(key, good);
      return data;
    }) as typeof client.getBuffer;
    expect(await store.get('shop:catalog:race')).toBeUndefined();
    expect(await servers[0].client().get('shop:catalog:race')).toBe(good);
  });

  it('pollutes nothing when Redis holds entries whose values carry pollution payloads', async () => {
    const payloads = ['{"__proto__":{"polluted":true}}', '{"constructor":{"prototype":{"polluted":true}}}', '{"a":[{"__proto__":{"polluted":true}}]}'];
    const store = storeWith();
    for (const [i, payload] of payloads.entries()) {
      await redis().set(`shop:catalog:p${i}`, `{"v":${payload},"c":1,"e":${NOW + 1},"s":${NOW + 2}}`);
      const value = (await store.get<Record<string, unknown>>(`shop:catalog:p${i}`))?.value;
      expect(value).toBeDefined();
      expect(value?.polluted).toBeUndefined();
      expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('does not cache a value over maxValueBytes, removes the older copy and says why', async () => {
    const store = storeWith({ maxValueBytes: 1_000 });
    await store.set('shop:catalog:big', entry('small'));
    await store.set('shop:catalog:big', entry('é'.repeat(600)));
    expect(await redis().exists('shop:catalog:big')).toBe(0);
    expect(warnings).toEqual([
      {
        kind: 'value-too-large',
        key: 'shop:catalog:big',
        bytes: expect.any(Number),
        maxBytes: 1_000,
        message: expect.stringMatching(/^Not caching "shop:catalog:big": its encoded value is \d+ bytes, over maxValueBytes \(1000\)\. .*raise maxValueBytes in createRedisCacheTier\(\)\.$/),
      },
    ]);
    expect((warnings[0] as { bytes: number }).bytes).toBeGreaterThan(1_200);
  });

  it('does not cache a value the serializer refuses, and names the problem', async () => {
    await storeWith().set('shop:catalog:fn', entry({ callback: () => 1 }));
    expect(await redis().exists('shop:catalog:fn')).toBe(0);
    expect(warnings).toEqual([
      expect.objectContaining({ kind: 'unserializable-value', message: expect.stringContaining('Cannot serialize a function at $.v.callback') }),
    ]);
  });

  it('deletes one key', async () => {
    const store = storeWith();
    await store.set('shop:catalog:a', entry(1));
    await store.delete('shop:catalog:a');
    await store.delete('shop:catalog:never');
    expect(await store.get('shop:catalog:a')).toBeUndefined();
  });

  it('deletes by prefix in batches, matching the prefix literally', async () => {
    const store = storeWith({ deleteBatchSize: 50 });
    const client = redis();
    await client.mset(Object.fromEntries(Array.from({ length: 620 }, (_, i) => [`shop:catalog:${i}`, 'x'])));
    await client.mset({ 'shop:cat*:1': 'x', 'shop:catalogue:1': 'x', 'shop:cat?log:1': 'x', 'shop:[c]atalog:1': 'x', 'other:catalog:1': 'x' });
    await store.deleteByPrefix('shop:catalog:');
    expect((await client.keys('*')).sort()).toEqual(['other:catalog:1', 'shop:[c]atalog:1', 'shop:cat*:1', 'shop:cat?log:1', 'shop:catalogue:1']);
    await store.deleteByPrefix('shop:cat*:');
    await store.deleteByPrefix('shop:[c]atalog:');
    expect((await client.keys('*')).sort()).toEqual(['other:catalog:1', 'shop:cat?log:1', 'shop:catalogue:1']);
  });

  it('records tag invalidations under the tag keys the engine hands it, and reads the latest one', async () => {
    const store = storeWith();
    const [one, two, three] = ['sku:1', 'sku:2', 'sku:3'].map((tag) => tagKey('shop', tag));
    expect(await store.tagInvalidatedAt([])).toBe(0);
    expect(await store.tagInvalidatedAt([one])).toBe(0);
    await store.invalidateTag(one, NOW - 500);
    await store.invalidateTag(two, NOW - 100);
    expect(await store.tagInvalidatedAt([one])).toBe(NOW - 500);
    expect(await store.tagInvalidatedAt([one, two, three])).toBe(NOW - 100);
    expect(await redis().get(two)).toBe(String(NOW - 100));
  });

  it('never moves a tag invalidation back in time, and lets it expire after tagTtl', async () => {
    const store = storeWith({ tagTtl: '2h' });
    const tag = tagKey('shop', 'sku:1');
    await store.invalidateTag(tag, NOW);
    await store.invalidateTag(tag, NOW - 1_000);
    expect(await store.tagInvalidatedAt([tag])).toBe(NOW);
    const ttl = await redis().pttl(tag);
    expect(ttl).toBeGreaterThan(7_100_000);
    expect(ttl).toBeLessThanOrEqual(7_200_000);
  });

  it('accepts another serializer: MessagePack with extension types', async () => {
    const store = storeWith({ serializer: msgpackSerializer });
    const value = { at: new Date(5), stock: new Map([['a', 1n << 70n]]), ids: new Set(['x']) };
    await store.set('shop:catalog:msgpack', entry(value, { tags: ['t'] }));
    expect((await store.get<typeof value>('shop:catalog:msgpack'))?.value).toStrictEqual(value);
    expect((await redis().getBuffer('shop:catalog:msgpack'))?.[0]).toBeGreaterThanOrEqual(0x80);
    // An entry the other serializer wrote is unreadable, hence a miss, not an error.
    await storeWith().set('shop:catalog:json', entry(1));
    expect(await store.get('shop:catalog:json')).toBeUndefined();
  });
});

describe('RedisCacheStore options', () => {
  const client = new Redis({ lazyConnect: true });

  it.each([
    ['no client', {}, 'Missing option redisCacheStore.client. Expected an ioredis client'],
    ['a URL for a client', { client: 'redis://localhost' }, 'Invalid option redisCacheStore.client: "redis://localhost". Expected an ioredis client'],
    ['a size that is not an integer', { client, maxValueBytes: 1.5 }, 'Invalid option redisCacheStore.maxValueBytes: 1.5. Expected an integer from 1 to'],
    ['a misspelt option', { client, maxValueByte: 10 }, 'Unknown option redisCacheStore.maxValueByte. Did you mean "maxValueBytes"?'],
    ['a tag TTL under a second', { client, tagTtl: 10 }, 'Invalid option redisCacheStore.tagTtl: 10. Expected a finite duration, at least 1000 ms'],
  ])('rejects %s with a message naming the option', (_name, options, message) => {
    let caught: unknown;
    try {
      new RedisCacheStore(options as unknown as RedisCacheStoreOptions);
    } catch (error) {
      caught = error;
    }
    expect(isInvalidOptionError(caught)).toBe(true);
    expect((caught as Error).message).toContain(message);
  });
});
