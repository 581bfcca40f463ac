import { ManualClock, circuitBreaker, type CircuitBreakerPolicy } from '@bulwark/core';
import type { INestApplication, LoggerService } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { afterEach, describe, expect, it } from 'vitest';
import type { BulwarkModuleOptions } from '../options/bulwark-module.options.js';
import { BULWARK_OPTIONS } from '../options/bulwark-options.token.js';
import { resolveBulwarkOptions } from '../options/resolve-bulwark-options.js';
import { PolicyRegistry } from '../registry/policy.registry.js';
import { PolicyEventsLogger } from './policy-events.logger.js';

type Level = 'log' | 'warn' | 'error' | 'debug' | 'verbose' | 'fatal';

/** Records what reaches Nest's logger from the 'Bulwark' context. */
class SpyLogger implements LoggerService {
  readonly lines: Array<{ level: Level; message: unknown }> = [];
  log = (message: unknown, ...rest: unknown[]) => this.record('log', message, rest);
  warn = (message: unknown, ...rest: unknown[]) => this.record('warn', message, rest);
  error = (message: unknown, ...rest: unknown[]) => this.record('error', message, rest);
  debug = (message: unknown, ...rest: unknown[]) => this.record('debug', message, rest);
  verbose = (message: unknown, ...rest: unknown[]) => this.record('verbose', message, rest);
  fatal = (message: unknown, ...rest: unknown[]) => this.record('fatal', message, rest);

  private record(level: Level, message: unknown, rest: unknown[]): void {
    if (rest.at(-1) === 'Bulwark') this.lines.push({ level, message });
  }
}

let app: INestApplication | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function startApp(options: BulwarkModuleOptions = {}): Promise<{ registry: PolicyRegistry; spy: SpyLogger }> {
  const moduleRef = await Test.createTestingModule({
    providers: [PolicyRegistry, { provide: BULWARK_OPTIONS, useValue: resolveBulwarkOptions(options) }, PolicyEventsLogger],
  }).compile();
  const spy = new SpyLogger();
  app = moduleRef.createNestApplication({ logger: spy });
  await app.init();
  return { registry: app.get(PolicyRegistry), spy };
}

function addBreaker(registry: PolicyRegistry, name = 'inventory', clock = new ManualClock()): CircuitBreakerPolicy {
  const breaker = circuitBreaker({ name, consecutiveFailures: 1, openDuration: 1_000, clock });
  registry.add({ kind: 'circuitBreaker', name, policy: breaker });
  return breaker;
}

const fail = (breaker: CircuitBreakerPolicy) =>
  breaker
    .execute(() => {
      throw new Error('inventory is down');
    })
    .catch(() => undefined);

describe('PolicyEventsLogger', () => {
  it('logs a trip as exactly one warning, and 100 successful calls not at all', async () => {
    const { registry, spy } = await startApp();
    const breaker = addBreaker(registry);

    for (let i = 0; i < 100; i++) await breaker.execute(() => 'in stock');
    expect(spy.lines).toEqual([]);

    await fail(breaker);
    expect(spy.lines).toEqual([{ level: 'warn', message: 'Circuit breaker "inventory" CLOSED -> OPEN: 1 consecutive failures' }]);
  });

  it('logs each transition at the level its target state calls for', async () => {
    const { registry, spy } = await startApp();
    const clock = new ManualClock();
    const breaker = addBreaker(registry, 'payments', clock);

    await fail(breaker);
    clock.advance(1_000);
    await breaker.execute(() => 'paid');
    breaker.isolate();
    breaker.disable();
    breaker.reset();

    expect(spy.lines).toEqual([
      { level: 'warn', message: 'Circuit breaker "payments" CLOSED -> OPEN: 1 consecutive failures' },
      { level: 'log', message: 'Circuit breaker "payments" OPEN -> HALF_OPEN: open duration elapsed' },
      { level: 'log', message: 'Circuit breaker "payments" HALF_OPEN -> CLOSED: probes succeeded' },
      { level: 'warn', message: 'Circuit breaker "payments" CLOSED -> ISOLATED: isolate' },
      { level: 'log', message: 'Circuit breaker "payments" ISOLATED -> DISABLED: disable' },
      { level: 'log', message: 'Circuit breaker "payments" DISABLED -> CLOSED: reset' },
    ]);
  });

  it('covers breakers registered before bootstrap as well as after', async () => {
    const moduleRef = await Test.createTestingModule({
      providers: [PolicyRegistry, { provide: BULWARK_OPTIONS, useValue: resolveBulwarkOptions({}) }, PolicyEventsLogger],
    }).compile();
    const early = addBreaker(moduleRef.get(PolicyRegistry), 'early');
    const spy = new SpyLogger();
    app = moduleRef.createNestApplication({ logger: spy });
    await app.init();
    const late = addBreaker(app.get(PolicyRegistry), 'late');

    early.isolate();
    late.isolate();

    expect(spy.lines.map((line) => line.message)).toEqual([
      'Circuit breaker "early" CLOSED -> ISOLATED: isolate',
      'Circuit breaker "late" CLOSED -> ISOLATED: isolate',
    ]);
  });

  it('logs nothing when logging is false', async () => {
    const { registry, spy } = await startApp({ logging: false });
    await fail(addBreaker(registry));
    expect(spy.lines).toEqual([]);
  });

  it('stops listening when the application closes', async () => {
    const { registry, spy } = await startApp();
    const breaker = addBreaker(registry);
    await app!.close();
    app = undefined;

    await fail(breaker);
    expect(spy.lines).toEqual([]);
  });

  it('lets go of a breaker as soon as the registry removes it', async () => {
    const { registry, spy } = await startApp();
    const evicted = addBreaker(registry, 'inventory[host-a]');
    registry.remove(evicted);

    evicted.isolate();
    expect(spy.lines).toEqual([]);
  });
});
