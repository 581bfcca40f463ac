import { Injectable } from '@nestjs/common';
import { afterEach, describe, expect, it } from 'vitest';
import { BulwarkModule, CachePut, CircuitBreaker, Retry, Timeout, type BulwarkModuleOptions } from '../src/index.js';
import { closeApps, createApp } from './testing-app.js';

@Injectable()
class NamesUnknownBreaker {
  @CircuitBreaker('inventry')
  async stock(): Promise<number> {
    return 1;
  }
}

@Injectable()
class BadInlineOption {
  @Retry({ maxAttempts: 0 })
  async load(): Promise<number> {
    return 1;
  }
}

@Injectable()
class MissingFallback {
  @CircuitBreaker({ fallback: 'lastKnownStok' })
  async stock(): Promise<number> {
    return 1;
  }

  lastKnownStock(): number {
    return 0;
  }
}

@Injectable()
class SyncTimeout {
  @Timeout('1s')
  total(a: number, b: number): number {
    return a + b;
  }
}

@Injectable()
class SyncCachePut {
  @CachePut({ name: 'totals' })
  total(a: number, b: number): number {
    return a + b;
  }
}

@Injectable()
class ConflictA {
  @CircuitBreaker('inventory', { consecutiveFailures: 2 })
  async a(): Promise<void> {}
}

@Injectable()
class ConflictB {
  @CircuitBreaker('inventory', { consecutiveFailures: 9 })
  async b(): Promise<void> {}
}

const configured: BulwarkModuleOptions = { circuitBreakers: { inventory: {} } };

describe('bootstrap validation', () => {
  afterEach(closeApps);

  it.each([
    [
      'an unknown breaker name',
      configured,
      [NamesUnknownBreaker],
      'NamesUnknownBreaker.stock @CircuitBreaker("inventry") names "inventry", which is not in the circuitBreakers config. Configured: inventory. Add circuitBreakers.inventry to BulwarkModule.forRoot() options, or fix the name.',
    ],
    [
      'an out-of-range inline option',
      {},
      [BadInlineOption],
      'BadInlineOption.load @Retry(): Invalid option retry.maxAttempts: 0. Expected an integer 1 or more. Change the decorator, or the policy it names in BulwarkModule.forRoot() options.',
    ],
    [
      'a fallback method that does not exist',
      {},
      [MissingFallback],
      'MissingFallback.stock @CircuitBreaker names fallback "lastKnownStok", but MissingFallback has no method "lastKnownStok".',
    ],
    [
      'a timeout on a synchronous method',
      {},
      [SyncTimeout],
      'SyncTimeout.total returns a plain value, and @Timeout cannot interrupt synchronous code.',
    ],
    [
      '@CachePut on a synchronous method',
      {},
      [SyncCachePut],
      'SyncCachePut.total returns a plain value, and @CachePut and @CacheEvict write to every tier, which takes time. Make the method async',
    ],
    [
      'one breaker given conflicting inline options',
      configured,
      [ConflictA, ConflictB],
      'ConflictB.b @CircuitBreaker("inventory") gives circuit breaker "inventory" inline options that differ from those ConflictA.a gives it',
    ],
  ])('fails app.init() on %s, naming the class, method, option and fix', async (_, options, providers, message) => {
    await expect(createApp({ imports: [BulwarkModule.forRoot(options)], providers })).rejects.toThrow(message);
  });

  it('reports every problem at once', async () => {
    await expect(createApp({ imports: [BulwarkModule.forRoot(configured)], providers: [NamesUnknownBreaker, MissingFallback] })).rejects.toThrow(
      /Bulwark found 2 problems in decorated methods:\n- NamesUnknownBreaker\.stock .*\n- MissingFallback\.stock /,
    );
  });

  it.each([
    [{ circuitBreakers: { inventory: { failureRateThreshold: 1.5 } } }, 'BulwarkModule option circuitBreakers.inventory: Invalid option circuitBreaker.failureRateThreshold: 1.5. Expected a number greater than 0 and at most 1'],
    [{ retries: { fast: { jiter: 'full' } } }, 'BulwarkModule option retries.fast: Unknown option retry.jiter. Did you mean "jitter"?'],
    [{ timeouts: { slow: '-1s' } }, 'BulwarkModule option timeouts.slow: Invalid option timeout.duration: "-1s".'],
    [{ circuitBreaker: {} }, 'BulwarkModule options: Unknown option BulwarkModule.circuitBreaker. Did you mean "circuitBreakers"?'],
    [{ health: { openCircuit: 'sideways' } }, `BulwarkModule options: Invalid option BulwarkModule.health.openCircuit: "sideways". Expected one of 'down', 'degraded'.`],
  ])('refuses invalid module options %j', async (options, message) => {
    await expect(createApp({ imports: [BulwarkModule.forRoot(options as BulwarkModuleOptions)] })).rejects.toThrow(message);
  });
});
