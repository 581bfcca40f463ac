import { ManualClock, TimeoutError, circuitBreaker } from '@bulwark/core';
import { Controller, Get, NotFoundException, UseFilters, type INestApplication, type LoggerService } from '@nestjs/common';
import { APP_FILTER, HttpAdapterHost } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { BulwarkHttpExceptionFilter } from './bulwark-http-exception.filter.js';

const refusedMessage = (name: string, ms: number) =>
  `Circuit "${name}" is OPEN: the call was refused without reaching the dependency. Retry in ${ms} ms, or serve a fallback.`;

/** Throws what a service behind Bulwark would. */
class FailingRoutes {
  private readonly inventory = circuitBreaker({ name: 'inventory', consecutiveFailures: 1, openDuration: 1_500, clock: new ManualClock() });
  private readonly payments = circuitBreaker({ name: 'payments' });

  @Get('open')
  async open(): Promise<string> {
    await this.inventory.execute(() => Promise.reject(new Error('inventory is down'))).catch(() => undefined);
    return this.inventory.execute(() => 'in stock');
  }

  @Get('isolated')
  isolated(): Promise<string> {
    this.payments.isolate();
    return this.payments.execute(() => 'paid');
  }

  @Get('foreign')
  foreign(): never {
    // As thrown by another installed copy of @bulwark/core: same brand and code, another class.
    throw Object.assign(Object.create({ [Symbol.for('bulwark.error')]: true }), {
      code: 'BULWARK_BROKEN_CIRCUIT',
      circuitName: 'shipping',
      retryAfterMs: 2_000.5,
      message: refusedMessage('shipping', 2001),
    });
  }

  @Get('timeout')
  timeout(): never {
    throw new TimeoutError(250);
  }

  @Get('missing')
  missing(): never {
    throw new NotFoundException('No such SKU');
  }

  @Get('bug')
  bug(): never {
    throw new Error('a bug');
  }
}

@Controller('stock')
class StockController extends FailingRoutes {}

@Controller('stock')
@UseFilters(BulwarkHttpExceptionFilter)
class FilteredStockController extends FailingRoutes {}

type Registration = 'useGlobalFilters with the adapter' | 'APP_FILTER' | '@UseFilters';

let app: INestApplication | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function startApp(registration: Registration): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    controllers: [registration === '@UseFilters' ? FilteredStockController : StockController],
    providers: registration === 'APP_FILTER' ? [{ provide: APP_FILTER, useClass: BulwarkHttpExceptionFilter }] : [],
  }).compile();
  app = moduleRef.createNestApplication({ logger: false });
  if (registration === 'useGlobalFilters with the adapter') {
    app.useGlobalFilters(new BulwarkHttpExceptionFilter(app.get(HttpAdapterHost).httpAdapter));
  }
  await app.init();
  return app;
}

const cases = [
  {
    path: 'open',
    status: 503,
    retryAfter: '2',
    body: { statusCode: 503, error: 'Service Unavailable', message: refusedMessage('inventory', 1500), circuit: 'inventory' },
  },
  {
    path: 'isolated',
    status: 503,
    retryAfter: '1',
    body: {
      statusCode: 503,
      error: 'Service Unavailable',
      message: 'Circuit "payments" is ISOLATED: calls are refused until someone calls reset() or disposes the isolation.',
      circuit: 'payments',
    },
  },
  {
    path: 'foreign',
    status: 503,
    retryAfter: '3',
    body: { statusCode: 503, error: 'Service Unavailable', message: refusedMessage('shipping', 2001), circuit: 'shipping' },
  },
  {
    path: 'timeout',
    status: 504,
    retryAfter: undefined,
    body: {
      statusCode: 504,
      error: 'Gateway Timeout',
      message: 'The operation did not settle within 250 ms and was aborted. Raise the timeout if the dependency is slow but healthy.',
    },
  },
  { path: 'missing', status: 404, retryAfter: undefined, body: { statusCode: 404, error: 'Not Found', message: 'No such SKU' } },
  { path: 'bug', status: 500, retryAfter: undefined, body: { statusCode: 500, message: 'Internal server error' } },
];

describe.each<Registration>(['useGlobalFilters with the adapter', 'APP_FILTER', '@UseFilters'])('BulwarkHttpExceptionFilter via %s', (registration) => {
  it.each(cases)('answers GET /stock/$path with $status', async ({ path, status, retryAfter, body }) => {
    await startApp(registration);

    const response = await request(app!.getHttpServer()).get(`/stock/${path}`).expect(status);

    expect(response.headers['retry-after']).toBe(retryAfter);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.body).toEqual(body);
  });
});

describe('BulwarkHttpExceptionFilter constructed without an adapter', () => {
  it('leaves every exception to Nest and warns once how to register it', async () => {
    const warnings: unknown[] = [];
    const logger: LoggerService = { log: () => undefined, error: () => undefined, warn: (message: unknown) => warnings.push(message) };
    const moduleRef = await Test.createTestingModule({ controllers: [StockController] }).compile();
    app = moduleRef.createNestApplication({ logger });
    app.useGlobalFilters(new BulwarkHttpExceptionFilter());
    await app.init();
    const server = app.getHttpServer();

    await request(server).get('/stock/open').expect(500, { statusCode: 500, message: 'Internal server error' });
    await request(server).get('/stock/missing').expect(404, { statusCode: 404, error: 'Not Found', message: 'No such SKU' });

    expect(warnings).toEqual([
      'BulwarkHttpExceptionFilter has no HTTP adapter, so Nest answers Bulwark errors with its default 500. ' +
        'Register it as APP_FILTER or with @UseFilters(BulwarkHttpExceptionFilter), or construct it with the adapter: ' +
        'app.useGlobalFilters(new BulwarkHttpExceptionFilter(app.get(HttpAdapterHost).httpAdapter)).',
    ]);
  });
});
