import { cache, CircuitState, isInvalidOptionError, type CachePolicy, type CircuitStateChangeEvent, type InvalidationMessage } from '@bulwark/core';
import { useRedisServers } from '@bulwark/test/support';
import { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRedisCacheTier, type RedisCacheTier, type RedisCacheTierOptions, type RedisCacheWarning } from '../src/index.js';

describe('createRedisCacheTier: two instances sharing one real redis-server', () => {
  const servers = useRedisServers(1);
  const tiers: RedisCacheTier[] = [];
  let a: { tier: RedisCacheTier; catalog: CachePolicy };
  let b: { tier: RedisCacheTier; catalog: CachePolicy };

  /** One "instance": its own tier (own client, own L1) and its own cache over it. */
  const instance = async (options: Partial<RedisCacheTierOptions> = {}) => {
    const { host, port } = servers[0];
    const tier = createRedisCacheTier({ redis: { host, port }, namespace: 'shop', breaker: { openDuration: '200ms' }, ...options });
    tiers.push(tier);
    await tier.ready();
    return { tier, catalog: cache({ name: 'catalog', ttl: '1m', ...tier.cacheOptions }) };
  };
  /** Resolves with the next invalidation an instance hears from another, or rejects after `ms`. */
  const heardWithin = (tier: RedisCacheTier, ms: number) =>
    new Promise<InvalidationMessage>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`nothing heard within ${ms} ms`)), ms);
      const subscription = tier.bus.subscribe((message) => {
        clearTimeout(timer);
        subscription.dispose();
        resolve(message);
      });
    });

  beforeEach(async () => {
    await servers[0].client().flushall();
    a = await instance();
    b = await instance();
  });

  afterEach(() => {
    for (const tier of tiers.splice(0)) tier.close();
  });

  it('misses, computes once, then hits from Redis on the other instance and from L1 after that', async () => {
    let calls = 0;
    const load = async () => ({ sku: 'SKU-1', price: 250, calls: ++calls });
    const stored = heardWithin(b.tier, 1_000);
    expect(await a.catalog.getOrSet('SKU-1', load)).toEqual({ sku: 'SKU-1', price: 250, calls: 1 });
    // An L2 read that overlaps another instance's message does not fill L1: let it arrive first.
    await stored;
    const tiersHit: string[] = [];
    b.tier.store.onHit(({ tier }) => tiersHit.push(tier));
    expect(await b.catalog.getOrSet('SKU-1', load)).toEqual({ sku: 'SKU-1', price: 250, calls: 1 });
    expect(await b.catalog.getOrSet('SKU-1', load)).toEqual({ sku: 'SKU-1', price: 250, calls: 1 });
    expect(tiersHit).toEqual(['l2', 'l1']);
    expect(calls).toBe(1);
  });

  it.each([
    ['put', (cache: CachePolicy) => cache.set('SKU-1', 'new price'), 'new price'],
    ['evict by key', (cache: CachePolicy) => cache.delete('SKU-1'), undefined],
    ['evict by tag', (cache: CachePolicy) => cache.invalidateTags(['sku:SKU-1']), undefined],
    ['clear', (cache: CachePolicy) => cache.clear(), undefined],
  ])('%s on one instance drops the other instance’s L1 copy within 100 ms', async (_name, change, expected) => {
    const stored = heardWithin(b.tier, 1_000);
    await a.catalog.getOrSet('SKU-1', async () => 'old price', { tags: ['sku:SKU-1'] });
    await stored;
    expect(await b.catalog.getOrSet('SKU-1', async () => 'unused')).toBe('old price');
    const key = b.catalog.keyOf('SKU-1');
    expect((await b.tier.l1.get(key))?.value).toBe('old price');

    const heard = heardWithin(b.tier, 100);
    await change(a.catalog);
    await heard;
    expect(await b.catalog.get('SKU-1')).toBe(expected);
  });

  it('keeps the key-collision cases apart end to end', async () => {
    const cases: unknown[][] = [['a:b', 'c'], ['a', 'b:c'], [1], ['1'], [new Date(0)], [new Date(0).toISOString()], [new Map([['k', 1]])], [{ k: 1 }], [1n], [[1, 2]], [1, 2], ['*'], ['shop:catalog:*']];
    for (const [i, args] of cases.entries()) expect(await a.catalog.getOrSet(args, async () => i)).toBe(i);
    for (const [i, args] of cases.entries()) expect(await b.catalog.getOrSet(args, async () => -1)).toBe(i);
    expect(new Set(cases.map((args) => a.catalog.keyOf(args))).size).toBe(cases.length);
  });

  it('round-trips Date, Map, Set and BigInt through Redis', async () => {
    const value = { at: new Date('2024-05-06T07:08:09.010Z'), stock: new Map([['warehouse-1', 12n ** 30n]]), tags: new Set(['new']) };
    await a.catalog.getOrSet('typed', async () => value);
    const read = await b.catalog.getOrSet('typed', async () => undefined as unknown as typeof value);
    expect(read).toStrictEqual(value);
    expect(read.at).toBeInstanceOf(Date);
  });

  it('reads a corrupt entry as a miss, deletes it and warns', async () => {
    const warnings: RedisCacheWarning[] = [];
    b.tier.onWarning((warning) => warnings.push(warning));
    const key = b.catalog.keyOf('SKU-9');
    await servers[0].client().set(key, '{"v":');
    expect(await b.catalog.getOrSet('SKU-9', async () => 'from origin')).toBe('from origin');
    expect(warnings.map((warning) => warning.kind)).toEqual(['corrupt-entry']);
    expect(await servers[0].client().get(key)).toContain('from origin');
  });

  it.each([
    ['{"__proto__":{"polluted":true}}'],
    ['{"constructor":{"prototype":{"polluted":true}}}'],
    ['{"a":{"__proto__":{"polluted":true}},"b":[{"constructor":{"prototype":{"polluted":true}}}]}'],
  ])('pollutes nothing when Redis holds %s', async (payload) => {
    const key = b.catalog.keyOf('hostile');
    const now = Date.now();
    await servers[0].client().set(key, payload);
    expect(await b.catalog.getOrSet('hostile', async () => 'from origin')).toBe('from origin');
    await servers[0].client().set(key, `{"v":${payload},"c":${now - 1},"e":${now + 60_000},"s":${now + 60_000}}`);
    await b.tier.l1.delete(key);
    const read = (await b.catalog.get<Record<string, unknown>>('hostile')) ?? {};
    expect(read.polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('does not write a value over maxValueBytes to Redis, warns, and still returns it', async () => {
    const small = await instance({ maxValueBytes: 1_024 });
    const catalog = cache({ name: 'catalog', ...small.tier.cacheOptions });
    const warnings: RedisCacheWarning[] = [];
    small.tier.onWarning((warning) => warnings.push(warning));
    const big = 'x'.repeat(2_000);
    expect(await catalog.getOrSet('big', async () => big)).toBe(big);
    expect(await servers[0].client().exists(catalog.keyOf('big'))).toBe(0);
    expect(warnings).toEqual([expect.objectContaining({ kind: 'value-too-large', maxBytes: 1_024, message: expect.stringContaining('over maxValueBytes (1024)') })]);
  });

  it('lets one instance compute a missing key while the other waits for it', async () => {
    let calls = 0;
    const load = async () => {
      calls++;
      await new Promise((resolve) => setTimeout(resolve, 100));
      return 'computed once';
    };
    expect(await Promise.all([a.catalog.getOrSet('hot', load), b.catalog.getOrSet('hot', load)])).toEqual(['computed once', 'computed once']);
    expect(calls).toBe(1);
  });
});

describe('createRedisCacheTier when Redis fails', () => {
  const servers = useRedisServers(1);
  let tier: RedisCacheTier;
  let catalog: CachePolicy;
  let changes: CircuitStateChangeEvent[];
  let origin: number;
  const load = async () => `origin ${++origin}`;

  beforeEach(async () => {
    const { host, port } = servers[0];
    tier = createRedisCacheTier({ redis: { host, port }, namespace: 'shop', commandTimeout: '100ms', breaker: { openDuration: '200ms' } });
    await tier.ready();
    catalog = cache({ name: 'catalog', ttl: '1m', ...tier.cacheOptions });
    changes = [];
    origin = 0;
    tier.onStateChange((change) => changes.push(change));
  });

  afterEach(() => tier.close());

  /** Keeps calling (the breaker probes on calls) until it has closed again. */
  async function untilHealed(): Promise<void> {
    const deadline = performance.now() + 10_000;
    while (tier.l2.state !== CircuitState.Closed) {
      if (performance.now() > deadline) throw new Error(`still ${tier.l2.state}`);
      expect(await catalog.getOrSet(`probe-${performance.now()}`, load)).toMatch(/^origin \d+$/);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  it('answers every call from the origin when Redis is killed, opens the breaker once, and heals after a restart', async () => {
    const server = servers[0];
    expect(await catalog.getOrSet('before', load)).toBe('origin 1');
    await server.crash();
    for (let i = 0; i < 50; i++) {
      const started = performance.now();
      expect(await catalog.getOrSet(`during-${i}`, load)).toBe(`origin ${i + 2}`);
      expect(performance.now() - started).toBeLessThan(250);
    }
    expect(changes.map(({ from, to }) => `${from}->${to}`)).toEqual(['CLOSED->OPEN']);

    await server.restart();
    await untilHealed();
    const value = await catalog.getOrSet('after', load);
    expect(await server.client().get(catalog.keyOf('after'))).toContain(value);
  });

  it('times commands out quickly when Redis hangs, and recovers when it resumes', async () => {
    const server = servers[0];
    server.pause();
    try {
      const started = performance.now();
      for (let i = 0; i < 10; i++) expect(await catalog.getOrSet(`hung-${i}`, load)).toBe(`origin ${i + 1}`);
      // About four 100 ms timeouts per call until the breaker opens, then none.
      expect(performance.now() - started).toBeLessThan(2_000);
      expect(changes.map(({ to }) => to)).toEqual(['OPEN']);
    } finally {
      server.resume();
    }
    await untilHealed();
  });

  it('keeps its own time limit around a caller\'s client that has none', async () => {
    const server = servers[0];
    const client = new Redis({ host: server.host, port: server.port, enableOfflineQueue: false, maxRetriesPerRequest: 0 });
    const own = createRedisCacheTier({ client, namespace: 'shop', commandTimeout: '100ms' });
    try {
      await own.ready();
      const products = cache({ name: 'products', ttl: '1m', ...own.cacheOptions });
      server.pause();
      const started = performance.now();
      expect(await products.getOrSet('hung', load)).toBe('origin 1');
      expect(performance.now() - started).toBeLessThan(1_000);
    } finally {
      server.resume();
      own.close();
      client.disconnect();
    }
  });
});

describe('createRedisCacheTier options', () => {
  const servers = useRedisServers(1);

  it.each([
    ['neither client nor redis', {}, 'Missing option createRedisCacheTier.client. Expected an ioredis client'],
    ['both client and redis', { client: 'client', redis: 'redis://localhost' }, 'Give either createRedisCacheTier.client'],
    ['a namespace with a colon', { redis: 'redis://localhost', namespace: 'a:b' }, 'Invalid option createRedisCacheTier.namespace: "a:b"'],
    ['a misspelt option', { redis: 'redis://localhost', commandTimout: 10 }, 'Did you mean "commandTimeout"?'],
    ['a bad single-flight option', { redis: 'redis://localhost', singleFlight: { pollInteval: 1 } }, 'Unknown option createRedisCacheTier.singleFlight.pollInteval'],
  ])('rejects %s with a message naming the option', (_name, options, message) => {
    const withClient = (options as { client?: unknown }).client === 'client' ? { ...options, client: servers[0].client({ lazyConnect: true }) } : options;
    let caught: unknown;
    try {
      createRedisCacheTier(withClient as RedisCacheTierOptions).close();
    } catch (error) {
      caught = error;
    }
    expect(isInvalidOptionError(caught)).toBe(true);
    expect((caught as Error).message).toContain(message);
  });

  it('uses the caller’s client without closing it, and names its breaker after the namespace', async () => {
    const client = servers[0].client();
    const tier = createRedisCacheTier({ client, namespace: 'mine', singleFlight: false });
    expect(tier.l2.breaker.name).toBe('redis-cache:mine');
    expect(tier.cacheOptions).toEqual({ namespace: 'mine', store: tier.store, singleFlight: undefined });
    tier.close();
    expect(await client.ping()).toBe('PONG');
  });
});
