import { Controller, Get, Inject, Injectable, Scope } from '@nestjs/common';
import { REQUEST } from '@nestjs/core';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { BulwarkModule, CircuitBreaker, CircuitBreakerRegistry } from '../src/index.js';
import { closeApps, createApp } from './testing-app.js';

let calls = 0;

@Injectable({ scope: Scope.REQUEST })
class TenantClient {
  constructor(@Inject(REQUEST) private readonly req: { headers: Record<string, string> }) {}

  @CircuitBreaker('tenant-api', { fallback: 'offline' })
  async fetch(): Promise<string> {
    calls++;
    if (this.req.headers['x-fail']) throw new Error('tenant api down');
    return `data for ${this.req.headers['x-tenant']}`;
  }

  offline(): string {
    return `offline for ${this.req.headers['x-tenant']}`;
  }
}

@Injectable({ scope: Scope.TRANSIENT })
class TransientHelper {
  @CircuitBreaker('tenant-api')
  async work(): Promise<string> {
    throw new Error('helper down');
  }
}

@Controller()
class TenantController {
  constructor(
    private readonly client: TenantClient,
    private readonly helper: TransientHelper,
  ) {}

  @Get('data')
  data(): Promise<string> {
    return this.client.fetch();
  }

  @Get('helper')
  helped(): Promise<string> {
    return this.helper.work().catch((error: Error) => error.name);
  }
}

describe('request- and transient-scoped providers', () => {
  afterEach(closeApps);

  it('wires every per-request instance, sharing the named breaker across requests and with transient instances', async () => {
    const app = await createApp({
      imports: [BulwarkModule.forRoot({ circuitBreakers: { 'tenant-api': { consecutiveFailures: 3 } } })],
      controllers: [TenantController],
      providers: [TenantClient, TransientHelper],
    });
    const server = app.getHttpServer();
    await request(server).get('/data').set('x-tenant', 'acme').expect(200, 'data for acme');
    await request(server).get('/data').set('x-tenant', 'acme').set('x-fail', '1').expect(200, 'offline for acme');
    await request(server).get('/helper').expect(200, 'Error');
    await request(server).get('/helper').expect(200, 'Error');
    expect(app.get(CircuitBreakerRegistry).state('tenant-api')).toBe('OPEN');
    calls = 0;
    await request(server).get('/data').set('x-tenant', 'globex').expect(200, 'offline for globex');
    expect(calls).toBe(0);
  });
});
