import { isBrokenCircuitError, isTimeoutError } from '@bulwark/core';
import { BulwarkModule, Cacheable, CircuitBreaker, Retry, Timeout, type BulwarkModuleOptions } from '@bulwark/nestjs';
import { Injectable, type INestApplication, type Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';

/** What the fuzzed dependency throws: an expected failure, not a crash. */
export class DependencyError extends Error {
  override readonly name = 'DependencyError';
}

/** A provider using every named policy of `MODULE_BASE` and a cache. */
@Injectable()
export class FuzzTarget {
  @Retry('dep')
  @CircuitBreaker('dep')
  @Timeout('dep')
  async call(fail: boolean): Promise<string> {
    if (fail) throw new DependencyError('the dependency failed');
    return 'ok';
  }

  @Cacheable({ name: 'catalog' })
  async product(sku: unknown): Promise<string> {
    return `product ${String(sku)}`;
  }
}

/** Valid module options naming every policy `FuzzTarget` uses; the fuzzer mutates them. */
export const MODULE_BASE: BulwarkModuleOptions = {
  defaults: { circuitBreaker: { minimumCalls: 10 }, retry: { maxAttempts: 2 }, timeout: '2s' },
  circuitBreakers: {
    dep: { consecutiveFailures: 5, window: { type: 'count', size: 20 }, minimumCalls: 10, failureRateThreshold: 0.5, openDuration: '1s', halfOpenProbes: 2, probeTimeout: '5s', slowCallDuration: '500ms' },
  },
  retries: { dep: { maxAttempts: 3, backoff: 'exponential', delay: '1ms', maxDelay: '5ms', multiplier: 2, jitter: 'full', budget: { ratio: 0.2, minRetriesPerSecond: 1, window: '10s' } } },
  timeouts: { dep: '1s' },
  health: { openCircuit: 'degraded' },
  logging: false,
  cache: { namespace: 'fuzz', defaults: { ttl: '1m' }, caches: { catalog: { ttl: '5m', grace: '1m' } }, l1: { maxEntries: 100 } },
};

/**
 * Starts a Nest application with the given options and providers.
 *
 * @returns the initialised application; close it
 * @throws whatever bootstrap throws
 */
export async function bootFuzzApp(options: BulwarkModuleOptions, providers: ReadonlyArray<Type<unknown>> = [FuzzTarget]): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({ imports: [BulwarkModule.forRoot(options)], providers: [...providers] }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  try {
    await app.init();
  } catch (error) {
    await app.close().catch(() => undefined);
    throw error;
  }
  return app;
}

/** Whether an error from a call is one a caller is told to expect: the dependency's own, a refusal or a timeout. */
export function isExpectedCallError(error: unknown): boolean {
  return error instanceof DependencyError || isBrokenCircuitError(error) || isTimeoutError(error);
}

/** Errors that mean validation itself crashed rather than refused the options. */
export function isCrash(error: unknown): boolean {
  return !(error instanceof Error) || error instanceof TypeError || error instanceof RangeError || error instanceof ReferenceError || error instanceof SyntaxError;
}
