import { Controller, Get, Injectable } from '@nestjs/common';
import { ManualClock } from '@bulwark/core';
import { HealthCheck, HealthCheckService, TerminusModule } from '@nestjs/terminus';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { BulwarkHealthIndicator } from '../src/health/index.js';
import { BulwarkModule, CircuitBreaker, CircuitBreakerRegistry } from '../src/index.js';
import { closeApps, createApp } from './testing-app.js';

@Injectable()
class InventoryClient {
  healthy = false;

  @CircuitBreaker('inventory')
  async stock(): Promise<number> {
    if (!this.healthy) throw new Error('inventory down');
    return 5;
  }
}

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
}

describe('/health with decorated methods', () => {
  afterEach(closeApps);

  it('reports a breaker driven OPEN, then healthy again once it recovers through HALF_OPEN to CLOSED', async () => {
    const clock = new ManualClock();
    const app = await createApp({
      imports: [
        BulwarkModule.forRoot({ clock, circuitBreakers: { inventory: { consecutiveFailures: 2, openDuration: '10s', halfOpenProbes: 1 } } }),
        TerminusModule,
      ],
      controllers: [HealthController],
      providers: [InventoryClient, BulwarkHealthIndicator],
    });
    const server = app.getHttpServer();
    const client = app.get(InventoryClient);
    const breakers = app.get(CircuitBreakerRegistry);
    const states: string[] = [];
    breakers.get('inventory').onStateChange(({ to }) => states.push(to));

    await request(server).get('/health').expect(200);
    await expect(client.stock()).rejects.toThrow('inventory down');
    await expect(client.stock()).rejects.toThrow('inventory down');

    const down = await request(server).get('/health').expect(503);
    expect(down.body.error.circuitBreakers).toEqual({
      status: 'down',
      breakers: { inventory: { state: 'OPEN', retryAfterMs: 10_000 } },
      open: ['inventory'],
    });

    clock.advance(10_000);
    client.healthy = true;
    await expect(client.stock()).resolves.toBe(5);
    expect(states).toEqual(['OPEN', 'HALF_OPEN', 'CLOSED']);
    const up = await request(server).get('/health').expect(200);
    expect(up.body.info.circuitBreakers).toEqual({ status: 'up', breakers: { inventory: { state: 'CLOSED' } } });
  });
});
