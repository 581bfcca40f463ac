import { useRedisServers, type RedisServer } from '@bulwark/test/support';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { scenarioRandom } from './support/chaos-random.js';
import { saveScenarioResult } from './support/chaos-results.js';
import { chaosDuration } from './support/chaos-settings.js';
import { DETAIL_TTL_MS, startCatalogInstance, type CatalogInstance } from './support/catalog.app.js';
import { driveLoad, percentile, type LoadStats } from './support/load-loop.js';
import { monotonicMs, sleep, waitUntil } from './support/monotonic-time.js';
import { ChaosProxy } from './support/tcp-proxy.js';

/** The tier's `commandTimeout` (BulwarkModule's default) and what a faulted call may take beyond it. */
const COMMAND_TIMEOUT_MS = 100;
const LATENCY_MARGIN_MS = 50;
/** The tier's breaker stays open 5 s before probing Redis again; recovery may take that and a little more. */
const RECOVERY_BOUND_MS = 5_000 + 1_500;
const CALLERS = 16;
const SKUS = 100;

/** A fault of the Redis behind the cache, as both instances see it. */
interface CacheFault {
  readonly name: string;
  inject(redis: RedisServer, proxies: readonly ChaosProxy[]): Promise<void> | void;
  heal(redis: RedisServer, proxies: readonly ChaosProxy[]): Promise<void> | void;
}

const FAULTS: readonly CacheFault[] = [
  { name: 'Redis killed, then restarted empty', inject: (redis) => redis.crash(), heal: (redis) => redis.restart() },
  { name: 'Redis hung (SIGSTOP), then resumed', inject: (redis) => redis.pause(), heal: (redis) => redis.resume() },
  { name: 'links cut (partition)', inject: (_, proxies) => proxies.forEach((proxy) => proxy.cut()), heal: (_, proxies) => proxies.forEach((proxy) => proxy.heal()) },
  { name: 'links slowed by 250 ms', inject: (_, proxies) => proxies.forEach((proxy) => proxy.delay(250)), heal: (_, proxies) => proxies.forEach((proxy) => proxy.heal()) },
  { name: 'connections reset', inject: (_, proxies) => proxies.forEach((proxy) => proxy.reset()), heal: () => undefined },
];

describe('scenario 1: @Cacheable under a crashing, hanging, partitioned and slow Redis', () => {
  const servers = useRedisServers(1);
  const started = performance.now();
  const { seed, random } = scenarioRandom('cache-redis-faults');
  const open: Array<CatalogInstance | ChaosProxy> = [];
  const measurements: Record<string, string | number> = {};
  const violations: string[] = [];
  let load: LoadStats | undefined;
  const faults: Record<string, number> = {};

  async function instances(namespace: string): Promise<{ a: CatalogInstance; b: CatalogInstance; proxies: ChaosProxy[] }> {
    const proxies = [await ChaosProxy.start(servers[0].port), await ChaosProxy.start(servers[0].port)];
    const [a, b] = [await startCatalogInstance(proxies[0].port, namespace), await startCatalogInstance(proxies[1].port, namespace)];
    open.push(...proxies, a, b);
    return { a, b, proxies };
  }

  afterEach(async () => {
    servers[0].resume();
    await Promise.all(open.splice(0).map((item) => (item instanceof ChaosProxy ? item.close() : item.app.close())));
  });

  afterAll(async () => {
    await saveScenarioResult(
      { number: 1, id: 'cache-redis-faults', title: 'Cache under a crashing and hanging Redis', seed, faults, calls: load?.calls ?? 0, failedCalls: load?.failures ?? 0, violations, measurements },
      started,
    );
  });

  it('answers every call, within the command timeout and a small margin, and recovers by itself', async () => {
    const { a, b, proxies } = await instances('load');
    let phase = 'baseline';
    let done = false;
    const running = driveLoad({ callers: CALLERS, call: (caller) => [a, b][caller % 2].catalog.product(`SKU-${random.int(1, SKUS)}`), phase: () => phase, done: () => done, pauseMs: 2 });
    const recoveries: number[] = [];
    try {
      await sleep(1_000);
      for (const fault of random.shuffle(FAULTS)) {
        phase = fault.name;
        faults[fault.name] = (faults[fault.name] ?? 0) + 1;
        await fault.inject(servers[0], proxies);
        await sleep(random.int(1_500, chaosDuration(2_500, 10_000)));
        await fault.heal(servers[0], proxies);
        phase = `${fault.name}: recovering`;
        const healedAt = monotonicMs();
        await waitUntil(`recovery after ${fault.name}`, () => (a.redisHealthy() && b.redisHealthy() ? true : undefined), RECOVERY_BOUND_MS + 2_000);
        recoveries.push(monotonicMs() - healedAt);
        phase = 'between faults';
        await sleep(500);
      }
    } finally {
      done = true;
      load = await running;
    }
    const faultPhases = [...load.phases].filter(([name]) => FAULTS.some((fault) => fault.name === name));
    for (const [name, stats] of load.phases) {
      measurements[`p99 / max ms, ${name}`] = `${percentile(stats.latencies, 0.99).toFixed(1)} / ${Math.max(...stats.latencies).toFixed(1)}`;
      if (stats.failures > 0) violations.push(`${stats.failures} failed calls while ${name}: ${stats.firstFailure}`);
    }
    measurements['slowest recovery ms'] = Math.round(Math.max(...recoveries));
    for (const [name, stats] of faultPhases) {
      const p99 = percentile(stats.latencies, 0.99);
      if (p99 > COMMAND_TIMEOUT_MS + LATENCY_MARGIN_MS) violations.push(`p99 ${p99.toFixed(1)} ms while ${name}, above ${COMMAND_TIMEOUT_MS} + ${LATENCY_MARGIN_MS} ms`);
    }
    if (Math.max(...recoveries) > RECOVERY_BOUND_MS) violations.push(`a recovery took ${Math.max(...recoveries).toFixed(0)} ms, above ${RECOVERY_BOUND_MS} ms`);
    expect(violations).toEqual([]);
    expect(load.failures).toBe(0);
    expect(faultPhases.map(([, stats]) => stats.calls).every((calls) => calls > 0)).toBe(true);
    // Recovered: Redis holds entries again, written after the last fault.
    expect(await servers[0].client().dbsize()).toBeGreaterThan(0);
  }, 120_000);

  /** Reads a product's detail on both instances: the versions they serve now. */
  const versions = async (a: CatalogInstance, b: CatalogInstance, sku: string): Promise<[number, number]> => [
    (await a.catalog.detail(sku)).version,
    (await b.catalog.detail(sku)).version,
  ];

  /** Caches a detail in Redis and in both memory tiers, so B's copy can only go by an invalidation or its ttl. */
  async function cachedOnBoth(a: CatalogInstance, b: CatalogInstance, sku: string): Promise<void> {
    expect(await versions(a, b, sku)).toEqual([1, 1]);
    let lastTier: string | undefined;
    const listening = b.tier.store.onHit(({ tier }) => (lastTier = tier));
    // A read from Redis that overlaps A's announcement does not fill B's memory tier; read until one does.
    await waitUntil(`${sku} in B's memory tier`, async () => ((await b.catalog.detail(sku)).version === 1 && lastTier === 'l1' ? true : undefined), 2_000);
    listening.dispose();
  }

  it('an eviction sent while Redis hangs is applied late, not lost: it waits in the connection and runs on resume', async () => {
    const { a, b } = await instances('hang');
    await cachedOnBoth(a, b, 'H');
    servers[0].pause();
    faults['Redis hung during an eviction'] = (faults['Redis hung during an eviction'] ?? 0) + 1;
    await a.catalog.update('H');
    // B's memory copy is stale until Redis answers again: the invalidation waits with the eviction.
    expect((await b.catalog.detail('H')).version).toBe(1);
    servers[0].resume();
    const resumedAt = monotonicMs();
    await waitUntil('both instances fresh', async () => ((await versions(a, b, 'H')).join() === '2,2' ? true : undefined), DETAIL_TTL_MS);
    measurements['hung Redis: instances fresh, ms after resume'] = Math.round(monotonicMs() - resumedAt);
    // Applied on resume, not waited out: well before the entry's ttl.
    expect(monotonicMs() - resumedAt).toBeLessThan(DETAIL_TTL_MS / 2);
  });

  it('an eviction made while the instance cannot reach Redis is lost, and the old value is served until its ttl ends', async () => {
    const { a, b, proxies } = await instances('lost');
    await cachedOnBoth(a, b, 'L');
    const cachedAt = monotonicMs();
    proxies[0].cut();
    faults['instance cut off from Redis during an eviction'] = (faults['instance cut off from Redis during an eviction'] ?? 0) + 1;
    // Misses that time out open A's breaker: from then on its Redis writes and deletes are skipped.
    for (let i = 0; i < 6 && a.redisHealthy(); i++) await a.catalog.detail(`cold-${i}`);
    expect(a.redisHealthy()).toBe(false);
    await a.catalog.update('L');
    proxies[0].heal();
    const staleUntil = await waitUntil('B fresh', async () => ((await b.catalog.detail('L')).version === 2 ? monotonicMs() : undefined), DETAIL_TTL_MS + 1_000);
    measurements['lost eviction: stale served for ms after the write'] = Math.round(staleUntil - cachedAt);
    // The bound: the entry's lifetime in Redis and in B's memory, counted from when it was cached.
    expect(staleUntil - cachedAt).toBeLessThanOrEqual(DETAIL_TTL_MS + 300);
    expect(staleUntil - cachedAt).toBeGreaterThan(DETAIL_TTL_MS / 2);
  });

  it('an eviction made while Redis is down is moot: it restarts empty, and every instance drops its memory copy when it resubscribes', async () => {
    const { a, b } = await instances('crash');
    await cachedOnBoth(a, b, 'C');
    await servers[0].crash();
    faults['Redis killed during an eviction'] = (faults['Redis killed during an eviction'] ?? 0) + 1;
    const cachedAt = monotonicMs();
    await a.catalog.update('C');
    expect((await b.catalog.detail('C')).version).toBe(1);
    await servers[0].restart();
    const restartedAt = monotonicMs();
    await waitUntil('B fresh', async () => ((await b.catalog.detail('C')).version === 2 ? true : undefined), DETAIL_TTL_MS);
    measurements['after a restart, B fresh in ms'] = Math.round(monotonicMs() - restartedAt);
    // Dropped on resubscribe, well before the entry would have expired by itself.
    expect(monotonicMs() - cachedAt).toBeLessThan(DETAIL_TTL_MS);
  });
});
