import { ManualClock, circuitBreaker, type CircuitBreakerPolicy } from '@bulwark/core';
import { Controller, Get, type INestApplication } from '@nestjs/common';
import { HealthCheck, HealthCheckService, TerminusModule } from '@nestjs/terminus';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import type { BulwarkModuleOptions } from '../options/bulwark-module.options.js';
import { BULWARK_OPTIONS } from '../options/bulwark-options.token.js';
import { resolveBulwarkOptions } from '../options/resolve-bulwark-options.js';
import { PolicyRegistry } from '../registry/policy.registry.js';
import { BulwarkHealthIndicator } from './bulwark-health.indicator.js';

@Controller('health')
class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly bulwark: BulwarkHealthIndicator,
  ) {}

  @Get()
  @HealthCheck()
  check() {
    return this.health.check([() => this.bulwark.isHealthy()]);
  }

  @Get('named')
  named() {
    return this.health.check([() => this.bulwark.isHealthy('bulwark')]);
  }
}

let app: INestApplication | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function startApp(options: BulwarkModuleOptions, ...breakers: CircuitBreakerPolicy[]): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [TerminusModule],
    controllers: [HealthController],
    providers: [PolicyRegistry, { provide: BULWARK_OPTIONS, useValue: resolveBulwarkOptions(options) }, BulwarkHealthIndicator],
  }).compile();
  app = moduleRef.createNestApplication({ logger: false });
  await app.init();
  const registry = app.get(PolicyRegistry);
  for (const breaker of breakers) registry.add({ kind: 'circuitBreaker', name: breaker.name, policy: breaker });
  return app;
}

const fail = (breaker: CircuitBreakerPolicy) =>
  breaker
    .execute(() => {
      throw new Error('inventory is down');
    })
    .catch(() => undefined);

function breakers(options: { halfOpenProbes?: number } = {}) {
  const clock = new ManualClock();
  const inventory = circuitBreaker({ name: 'inventory', consecutiveFailures: 1, openDuration: 1_000, clock, ...options });
  const payments = circuitBreaker({ name: 'payments', clock });
  return { clock, inventory, payments };
}

describe('BulwarkHealthIndicator', () => {
  it('is up and lists every breaker while all are CLOSED', async () => {
    const { inventory, payments } = breakers();
    await startApp({}, inventory, payments);

    const response = await request(app!.getHttpServer()).get('/health').expect(200);

    expect(response.body).toEqual({
      status: 'ok',
      info: { circuitBreakers: { status: 'up', breakers: { inventory: { state: 'CLOSED' }, payments: { state: 'CLOSED' } } } },
      error: {},
      details: { circuitBreakers: { status: 'up', breakers: { inventory: { state: 'CLOSED' }, payments: { state: 'CLOSED' } } } },
    });
  });

  it('makes /health 503 while a breaker is OPEN, naming it with its remaining open time', async () => {
    const { clock, inventory, payments } = breakers();
    await startApp({}, inventory, payments);
    await fail(inventory);
    clock.advance(250);

    const response = await request(app!.getHttpServer()).get('/health').expect(503);

    const indicator = {
      status: 'down',
      breakers: { inventory: { state: 'OPEN', retryAfterMs: 750 }, payments: { state: 'CLOSED' } },
      open: ['inventory'],
    };
    expect(response.body).toEqual({ status: 'error', info: {}, error: { circuitBreakers: indicator }, details: { circuitBreakers: indicator } });
  });

  it('makes /health 503 while a breaker is ISOLATED, and 200 once the isolation is disposed', async () => {
    const { inventory } = breakers();
    await startApp({}, inventory);
    const isolation = inventory.isolate();

    const down = await request(app!.getHttpServer()).get('/health').expect(503);
    expect(down.body.details.circuitBreakers).toEqual({ status: 'down', breakers: { inventory: { state: 'ISOLATED' } }, open: ['inventory'] });

    isolation.dispose();
    await request(app!.getHttpServer()).get('/health').expect(200);
  });

  it("stays 200 with the breaker listed as degraded when health.openCircuit is 'degraded'", async () => {
    const { inventory, payments } = breakers();
    await startApp({ health: { openCircuit: 'degraded' } }, inventory, payments);
    await fail(inventory);
    payments.isolate();

    const response = await request(app!.getHttpServer()).get('/health').expect(200);

    expect(response.body.status).toBe('ok');
    expect(response.body.details.circuitBreakers).toEqual({
      status: 'up',
      breakers: { inventory: { state: 'OPEN', retryAfterMs: 1_000 }, payments: { state: 'ISOLATED' } },
      degraded: ['inventory', 'payments'],
    });
  });

  it('only degrades health while the Redis cache tier breaker is open: caches fail open', async () => {
    const { inventory } = breakers();
    const redisTier = circuitBreaker({ name: 'redis-cache:bulwark' });
    await startApp({}, inventory);
    app!.get(PolicyRegistry).add({ kind: 'circuitBreaker', name: redisTier.name, policy: redisTier, failsOpen: true });
    redisTier.isolate();

    const degraded = await request(app!.getHttpServer()).get('/health').expect(200);
    expect(degraded.body.details.circuitBreakers).toMatchObject({ status: 'up', degraded: ['redis-cache:bulwark'] });

    await fail(inventory);
    const down = await request(app!.getHttpServer()).get('/health').expect(503);
    expect(down.body.details.circuitBreakers).toMatchObject({ status: 'down', open: ['inventory'], degraded: ['redis-cache:bulwark'] });
  });

  it('recovers through HALF_OPEN to CLOSED, and /health is 200 again', async () => {
    const { clock, inventory } = breakers({ halfOpenProbes: 2 });
    await startApp({}, inventory);
    const server = app!.getHttpServer();
    await fail(inventory);
    await request(server).get('/health').expect(503);

    // Once the open duration has elapsed the breaker waits for a probe: health must not starve it.
    clock.advance(1_000);
    const waiting = await request(server).get('/health').expect(200);
    expect(waiting.body.details.circuitBreakers.breakers).toEqual({ inventory: { state: 'OPEN', retryAfterMs: 0 } });

    await inventory.execute(() => 'in stock');
    const halfOpen = await request(server).get('/health').expect(200);
    expect(halfOpen.body.details.circuitBreakers.breakers).toEqual({ inventory: { state: 'HALF_OPEN' } });

    await inventory.execute(() => 'in stock');
    const closed = await request(server).get('/health').expect(200);
    expect(closed.body.details.circuitBreakers).toEqual({ status: 'up', breakers: { inventory: { state: 'CLOSED' } } });
  });

  it('reports breakers created after bootstrap, such as per-key ones, under the key it is given', async () => {
    await startApp({});
    const perKey = circuitBreaker({ name: 'inventory[host-a]' });
    app!.get(PolicyRegistry).add({ kind: 'circuitBreaker', name: perKey.name, policy: perKey });
    perKey.isolate();

    const response = await request(app!.getHttpServer()).get('/health/named').expect(503);

    expect(response.body.error).toEqual({
      bulwark: { status: 'down', breakers: { 'inventory[host-a]': { state: 'ISOLATED' } }, open: ['inventory[host-a]'] },
    });
  });
});
