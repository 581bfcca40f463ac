import { ManualClock, MemoryCacheStore, cache, circuitBreaker, retry, timeout, type CircuitBreakerPolicy } from '@bulwark/core';
import { Controller, Get, Global, Module, Res, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Registry, register } from 'prom-client';
import request from 'supertest';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PolicyRegistry } from '../registry/policy.registry.js';
import { BulwarkMetricsModule } from './bulwark-metrics.module.js';
import type { BulwarkMetricsOptions } from './bulwark-metrics.options.js';
import { BulwarkMetrics } from './bulwark.metrics.js';

@Global()
@Module({ providers: [PolicyRegistry], exports: [PolicyRegistry] })
class PoliciesModule {}

@Controller('metrics')
class MetricsController {
  constructor(private readonly bulwark: BulwarkMetrics) {}

  @Get()
  scrape(@Res({ passthrough: true }) response: { setHeader(name: string, value: string): void }): Promise<string> {
    response.setHeader('Content-Type', this.bulwark.registry.contentType);
    return this.bulwark.registry.metrics();
  }
}

const apps: INestApplication[] = [];

afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
  vi.useRealTimers();
});

async function startApp(options?: BulwarkMetricsOptions): Promise<{ app: INestApplication; policies: PolicyRegistry }> {
  const moduleRef = await Test.createTestingModule({
    imports: [PoliciesModule, BulwarkMetricsModule.forRoot(options)],
    controllers: [MetricsController],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  apps.push(app);
  await app.init();
  return { app, policies: app.get(PolicyRegistry) };
}

const scrape = async (app: INestApplication) => {
  const response = await request(app.getHttpServer()).get('/metrics').expect(200);
  return { type: response.headers['content-type'], lines: response.text.split('\n') };
};

const failing = () => {
  throw new Error('dependency is down');
};

function addBreaker(policies: PolicyRegistry, name: string): CircuitBreakerPolicy {
  const breaker = circuitBreaker({ name, consecutiveFailures: 1, openDuration: 1_000, clock: new ManualClock() });
  policies.add({ kind: 'circuitBreaker', name, policy: breaker });
  return breaker;
}

async function driveEveryPolicy(policies: PolicyRegistry): Promise<void> {
  const inventory = addBreaker(policies, 'inventory');
  await inventory.execute(() => 'in stock');
  await inventory.execute(() => 'in stock');
  await inventory.execute(failing).catch(() => undefined);
  await inventory.execute(() => 'never called').catch(() => undefined);
  addBreaker(policies, 'inventory[host-a]');

  const payments = retry({ maxAttempts: 3, delay: 0 });
  policies.add({ kind: 'retry', name: 'payments', policy: payments });
  await payments.execute(failing).catch(() => undefined);
  let attempts = 0;
  await payments.execute(() => (++attempts < 2 ? failing() : 'paid'));

  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  const slow = timeout(50);
  policies.add({ kind: 'timeout', name: 'slow', policy: slow });
  const late = slow.execute(() => new Promise(() => undefined)).catch(() => undefined);
  await vi.advanceTimersByTimeAsync(50);
  await late;
  vi.useRealTimers();
}

describe('BulwarkMetrics', () => {
  it('exposes breaker calls and states, retries, give-ups and timeouts in the Prometheus format', async () => {
    const { app, policies } = await startApp();
    await driveEveryPolicy(policies);

    const { type, lines } = await scrape(app);

    expect(type).toBe('text/plain; version=0.0.4; charset=utf-8');
    const cacheSeries = lines.findIndex((line) => line.startsWith('# HELP bulwark_cache_'));
    expect(lines.slice(0, cacheSeries)).toEqual([
      '# HELP bulwark_circuit_breaker_calls_total Calls through each circuit breaker, by outcome: success, failure, or rejected (refused without calling).',
      '# TYPE bulwark_circuit_breaker_calls_total counter',
      'bulwark_circuit_breaker_calls_total{breaker="inventory",outcome="success"} 2',
      'bulwark_circuit_breaker_calls_total{breaker="inventory",outcome="failure"} 1',
      'bulwark_circuit_breaker_calls_total{breaker="inventory",outcome="rejected"} 1',
      'bulwark_circuit_breaker_calls_total{breaker="inventory[host-a]",outcome="success"} 0',
      'bulwark_circuit_breaker_calls_total{breaker="inventory[host-a]",outcome="failure"} 0',
      'bulwark_circuit_breaker_calls_total{breaker="inventory[host-a]",outcome="rejected"} 0',
      '',
      '# HELP bulwark_circuit_breaker_state The state of each circuit breaker: 1 for the state it is in, 0 for the others.',
      '# TYPE bulwark_circuit_breaker_state gauge',
      'bulwark_circuit_breaker_state{breaker="inventory",state="CLOSED"} 0',
      'bulwark_circuit_breaker_state{breaker="inventory",state="OPEN"} 1',
      'bulwark_circuit_breaker_state{breaker="inventory",state="HALF_OPEN"} 0',
      'bulwark_circuit_breaker_state{breaker="inventory",state="ISOLATED"} 0',
      'bulwark_circuit_breaker_state{breaker="inventory",state="DISABLED"} 0',
      'bulwark_circuit_breaker_state{breaker="inventory[host-a]",state="CLOSED"} 1',
      'bulwark_circuit_breaker_state{breaker="inventory[host-a]",state="OPEN"} 0',
      'bulwark_circuit_breaker_state{breaker="inventory[host-a]",state="HALF_OPEN"} 0',
      'bulwark_circuit_breaker_state{breaker="inventory[host-a]",state="ISOLATED"} 0',
      'bulwark_circuit_breaker_state{breaker="inventory[host-a]",state="DISABLED"} 0',
      '',
      '# HELP bulwark_retries_total Retries scheduled by each retry policy (attempts after the first).',
      '# TYPE bulwark_retries_total counter',
      'bulwark_retries_total{policy="payments"} 3',
      '',
      '# HELP bulwark_retry_give_ups_total Calls each retry policy gave up on, by reason: attempts, elapsed, budget, not-retryable or aborted.',
      '# TYPE bulwark_retry_give_ups_total counter',
      'bulwark_retry_give_ups_total{policy="payments",reason="attempts"} 1',
      '',
      '# HELP bulwark_timeouts_total Operations each timeout policy gave up on.',
      '# TYPE bulwark_timeouts_total counter',
      'bulwark_timeouts_total{policy="slow"} 1',
      '',
    ]);
  });

  it('keeps two applications apart, each in a registry of its own and none in the global one', async () => {
    const first = await startApp();
    const second = await startApp();
    first.policies.add({ kind: 'circuitBreaker', name: 'inventory', policy: circuitBreaker({ name: 'inventory' }) });

    expect((await scrape(first.app)).lines).toContain('bulwark_circuit_breaker_state{breaker="inventory",state="CLOSED"} 1');
    expect((await scrape(second.app)).lines.filter((line) => line.includes('inventory'))).toEqual([]);
    expect(first.app.get(BulwarkMetrics).registry).not.toBe(second.app.get(BulwarkMetrics).registry);
    expect(register.getSingleMetric('bulwark_circuit_breaker_state')).toBeUndefined();
  });

  it('shares a registry given to it, with a prefix, and refuses a second application with the same names', async () => {
    const shared = new Registry();
    await startApp({ registry: shared, prefix: 'shop_' });

    expect(shared.getSingleMetric('shop_retries_total')).toBeDefined();
    await expect(startApp({ registry: shared, prefix: 'shop_' })).rejects.toThrow(
      'A metric named "shop_circuit_breaker_calls_total" is already registered in this prom-client Registry. Give each application its own registry (the default of BulwarkMetricsModule.forRoot()), or a distinct `prefix`.',
    );
    await startApp({ registry: shared, prefix: 'admin_' });
    expect(shared.getSingleMetric('admin_retries_total')).toBeDefined();
  });

  it('leaves a shared registry clean when the application closes, ready for the next one', async () => {
    const shared = new Registry();
    const { app, policies } = await startApp({ registry: shared });
    const breaker = addBreaker(policies, 'inventory');
    await app.close();
    apps.splice(apps.indexOf(app), 1);

    expect(shared.getMetricsAsArray()).toEqual([]);
    await breaker.execute(() => 'in stock');
    const again = await startApp({ registry: shared });
    again.policies.add({ kind: 'circuitBreaker', name: 'inventory', policy: breaker });
    expect((await scrape(again.app)).lines).toContain('bulwark_circuit_breaker_calls_total{breaker="inventory",outcome="success"} 0');
  });

  it('drops the series of a breaker as soon as the registry evicts it', async () => {
    const { app, policies } = await startApp();
    const evicted = addBreaker(policies, 'inventory[host-a]');
    policies.remove(evicted);
    addBreaker(policies, 'inventory[host-b]');

    const { lines } = await scrape(app);
    expect(lines.filter((line) => line.includes('host-a'))).toEqual([]);
    expect(lines).toContain('bulwark_circuit_breaker_state{breaker="inventory[host-b]",state="CLOSED"} 1');
  });

  it('counts cache reads by result, factory calls and memory-tier evictions', async () => {
    const { app, policies } = await startApp();
    const l1 = new MemoryCacheStore({ maxEntries: 1 });
    const catalog = cache({ name: 'catalog', store: l1, earlyRefresh: false });
    policies.add({ kind: 'cacheBackend', name: 'bulwark', policy: { l1, tiered: undefined, tier: undefined, cacheOptions: { store: l1 }, close: () => {} } });
    policies.add({ kind: 'cache', name: 'catalog', policy: catalog });
    await catalog.getOrSet('A', () => 1);
    await catalog.getOrSet('A', () => 1);
    await catalog.getOrSet('B', () => 2); // pushes A out of a one-entry memory tier
    await expect(catalog.getOrSet('C', () => Promise.reject(new Error('db down')))).rejects.toThrow('db down');

    const { lines } = await scrape(app);
    expect(lines).toEqual(
      expect.arrayContaining([
        'bulwark_cache_requests_total{cache="catalog",result="hit"} 1',
        'bulwark_cache_requests_total{cache="catalog",result="miss"} 3',
        'bulwark_cache_factory_calls_total{cache="catalog",outcome="success"} 2',
        'bulwark_cache_factory_calls_total{cache="catalog",outcome="error"} 1',
        'bulwark_cache_evictions_total{reason="capacity"} 1',
      ]),
    );
  });

  it.each([{ prefix: '1bad' }, { prefix: 'has-dash_' }])('refuses the invalid option %o', async (options) => {
    await expect(startApp(options)).rejects.toThrow(`Invalid option BulwarkMetricsModule.prefix: "${options.prefix}".`);
  });
});
