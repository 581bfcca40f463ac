import { Injectable } from '@nestjs/common';
import { BrokenCircuitError, ManualClock } from '@bulwark/core';
import { Observable, firstValueFrom, lastValueFrom, of, throwError, toArray } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { BulwarkModule, CircuitBreaker, CircuitBreakerRegistry, Retry } from '../src/index.js';
import { closeApps, createApp } from './testing-app.js';

const instant = { delay: 0, jitter: 'none' } as const;

@Injectable()
class FlakyDependency {
  promiseCalls = 0;
  observableSubscriptions = 0;
  syncCalls = 0;
  failuresLeft = 0;

  @Retry({ maxAttempts: 3, ...instant })
  @CircuitBreaker({ consecutiveFailures: 5 })
  async fromPromise(id: string): Promise<string> {
    this.promiseCalls++;
    if (this.failuresLeft-- > 0) throw new Error('promise failed');
    return `promise:${id}`;
  }

  @Retry({ maxAttempts: 3, ...instant })
  @CircuitBreaker({ consecutiveFailures: 5 })
  fromObservable(id: string): Observable<string> {
    return new Observable<string>((subscriber) => {
      this.observableSubscriptions++;
      if (this.failuresLeft-- > 0) return subscriber.error(new Error('observable failed'));
      subscriber.next(`${id}:1`);
      subscriber.next(`${id}:2`);
      subscriber.complete();
    });
  }

  @Retry({ maxAttempts: 3, ...instant })
  @CircuitBreaker({ consecutiveFailures: 5 })
  fromSync(id: string): string {
    this.syncCalls++;
    if (this.failuresLeft-- > 0) throw new Error('sync failed');
    return `sync:${id}`;
  }

  @CircuitBreaker({ consecutiveFailures: 1 })
  // No return type on purpose: Bulwark learns it from the first call.
  undeclared(kind: 'sync' | 'observable' | 'fail') {
    if (kind === 'fail') return throwError(() => new Error('undeclared failed'));
    return kind === 'sync' ? 'plain' : of('streamed');
  }
}

async function setup() {
  const app = await createApp({ imports: [BulwarkModule.forRoot({ clock: new ManualClock() })], providers: [FlakyDependency] });
  return { service: app.get(FlakyDependency), breakers: app.get(CircuitBreakerRegistry) };
}

describe('methods by how they return', () => {
  afterEach(closeApps);

  it('retries a Promise method and resolves with its value', async () => {
    const { service } = await setup();
    service.failuresLeft = 2;
    await expect(service.fromPromise('a')).resolves.toBe('promise:a');
    expect(service.promiseCalls).toBe(3);
  });

  it('applies the policies per subscription of an Observable, resubscribing on retry and passing every value', async () => {
    const { service } = await setup();
    service.failuresLeft = 1;
    const values$ = service.fromObservable('x');
    expect(service.observableSubscriptions).toBe(0);
    await expect(lastValueFrom(values$.pipe(toArray()))).resolves.toEqual(['x:1', 'x:2']);
    expect(service.observableSubscriptions).toBe(2);
    await lastValueFrom(values$);
    expect(service.observableSubscriptions).toBe(3);
  });

  it('keeps a synchronous method synchronous, retrying at once', async () => {
    const { service } = await setup();
    service.failuresLeft = 2;
    expect(service.fromSync('s')).toBe('sync:s');
    expect(service.syncCalls).toBe(3);
  });

  it.each([
    ['fromPromise', (s: FlakyDependency) => s.fromPromise('a')],
    ['fromObservable', (s: FlakyDependency) => firstValueFrom(s.fromObservable('a'))],
    ['fromSync', async (s: FlakyDependency) => s.fromSync('a')],
  ] as const)('%s opens its breaker after repeated failures and then fails fast', async (method, call) => {
    const { service, breakers } = await setup();
    service.failuresLeft = Infinity;
    await expect(call(service)).rejects.toThrow(/failed/); // 3 attempts, all failing
    // 2 more failures open the circuit; the third attempt is refused and not retried.
    await expect(call(service)).rejects.toBeInstanceOf(BrokenCircuitError);
    expect(breakers.state(`FlakyDependency.${method}`)).toBe('OPEN');
    const counters = [service.promiseCalls, service.observableSubscriptions, service.syncCalls];
    expect(counters.reduce((a, b) => a + b)).toBe(5);
    await expect(call(service)).rejects.toBeInstanceOf(BrokenCircuitError);
    expect([service.promiseCalls, service.observableSubscriptions, service.syncCalls]).toEqual(counters);
  });

  it('learns an undeclared return kind from the first call and answers in kind', async () => {
    const { service } = await setup();
    expect(service.undeclared('sync')).toBe('plain');
    const { service: other } = await setup();
    const streamed = other.undeclared('observable');
    expect(streamed).toBeInstanceOf(Observable);
    await expect(firstValueFrom(streamed as Observable<string>)).resolves.toBe('streamed');
  });

  it('counts an undeclared Observable method failure when the Observable errors', async () => {
    const { service, breakers } = await setup();
    await expect(firstValueFrom(service.undeclared('observable') as Observable<string>)).resolves.toBe('streamed');
    await expect(firstValueFrom(service.undeclared('fail') as Observable<string>)).rejects.toThrow('undeclared failed');
    expect(breakers.state('FlakyDependency.undeclared')).toBe('OPEN');
  });
});
