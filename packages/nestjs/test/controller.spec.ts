import { Controller, Get, Injectable, Param, ParseIntPipe, UseGuards, UseInterceptors, type CallHandler, type CanActivate, type NestInterceptor } from '@nestjs/common';
import { ManualClock } from '@bulwark/core';
import { Cron, SchedulerRegistry, ScheduleModule } from '@nestjs/schedule';
import { ApiOkResponse, DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { map, type Observable } from 'rxjs';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { BulwarkModule, Cacheable, CircuitBreaker, Retry } from '../src/index.js';
import { closeApps, createApp } from './testing-app.js';

@Injectable()
class CountingGuard implements CanActivate {
  static passed = 0;
  canActivate(): boolean {
    CountingGuard.passed++;
    return true;
  }
}

@Controller('stock')
class StockController {
  failing = true;
  calls = 0;

  @Get(':sku')
  @CircuitBreaker({ consecutiveFailures: 2, fallback: 'unknownStock' })
  @UseGuards(CountingGuard)
  @ApiOkResponse({ description: 'the stock level' })
  async stock(@Param('sku', ParseIntPipe) sku: number): Promise<{ sku: number; level: number; self: boolean }> {
    this.calls++;
    if (this.failing) throw new Error('warehouse down');
    return { sku, level: 7, self: this instanceof StockController };
  }

  unknownStock(sku: number, error: Error): { sku: number; level: null; reason: string } {
    return { sku, level: null, reason: error.name };
  }

  @Retry({ delay: 0 })
  @Get('health/ping')
  ping(): string {
    return 'pong';
  }
}

/** Wraps what the route handler returns, and counts the requests it saw. */
@Injectable()
class EnvelopeInterceptor implements NestInterceptor {
  static seen = 0;
  intercept(_context: unknown, next: CallHandler): Observable<unknown> {
    EnvelopeInterceptor.seen++;
    return next.handle().pipe(map((data: unknown) => ({ data })));
  }
}

@Controller('prices')
class PriceController {
  calls = 0;

  @Get(':sku')
  @UseInterceptors(EnvelopeInterceptor)
  @Cacheable({ name: 'prices', ttl: '1m' })
  @Retry({ maxAttempts: 3, delay: 0 })
  async price(@Param('sku') sku: string): Promise<{ sku: string; cents: number }> {
    if (++this.calls === 1) throw new Error('flaky pricing');
    return { sku, cents: 990 };
  }
}

@Injectable()
class NightlyJob {
  @Cron('0 3 * * *', { name: 'nightly' })
  @Retry({ maxAttempts: 2, delay: 0 })
  async run(): Promise<void> {}
}

describe('decorated controllers and other metadata on the same method', () => {
  afterEach(closeApps);

  it('serves @Get routes with params, pipes and guards, and the breaker falls back to a method', async () => {
    const app = await createApp({
      imports: [BulwarkModule.forRoot({ clock: new ManualClock() })],
      controllers: [StockController],
      providers: [CountingGuard],
    });
    const controller = app.get(StockController);
    const server = app.getHttpServer();
    await request(server).get('/stock/1').expect(200, { sku: 1, level: null, reason: 'Error' });
    await request(server).get('/stock/1').expect(200, { sku: 1, level: null, reason: 'Error' });
    await request(server).get('/stock/1').expect(200, { sku: 1, level: null, reason: 'BrokenCircuitError' });
    expect(controller.calls).toBe(2);
    await request(server).get('/stock/abc').expect(400);
    expect(CountingGuard.passed).toBeGreaterThanOrEqual(4);
    await request(server).get('/stock/health/ping').expect(200, 'pong');
  });

  it('runs interceptors around the whole protected method: once per request, seeing the retried or cached result', async () => {
    const app = await createApp({ imports: [BulwarkModule.forRoot()], controllers: [PriceController], providers: [EnvelopeInterceptor] });
    const server = app.getHttpServer();
    await request(server).get('/prices/SKU-1').expect(200, { data: { sku: 'SKU-1', cents: 990 } });
    await request(server).get('/prices/SKU-1').expect(200, { data: { sku: 'SKU-1', cents: 990 } });
    // Two attempts for the first request, none for the cached second; the interceptor saw two requests.
    expect(app.get(PriceController).calls).toBe(2);
    expect(EnvelopeInterceptor.seen).toBe(2);
  });

  it('keeps `this`, the method name, and other decorators metadata in either order', async () => {
    const app = await createApp({
      imports: [BulwarkModule.forRoot(), ScheduleModule.forRoot()],
      controllers: [StockController],
      providers: [CountingGuard, NightlyJob],
    });
    const controller = app.get(StockController);
    controller.failing = false;
    await expect(controller.stock(3)).resolves.toEqual({ sku: 3, level: 7, self: true });
    expect(StockController.prototype.stock.name).toBe('stock');
    expect(NightlyJob.prototype.run.name).toBe('run');
    expect(app.get(SchedulerRegistry).getCronJob('nightly')).toBeDefined();
    const document = SwaggerModule.createDocument(app, new DocumentBuilder().build());
    expect(document.paths['/stock/{sku}']?.get?.responses?.['200']).toMatchObject({ description: 'the stock level' });
  });
});
