import { describe, expectTypeOf, it } from 'vitest';
import {
  CircuitState,
  circuitBreaker,
  type CircuitBreakerOptions,
  type CircuitBreakerPolicy,
  type CircuitBreakerSnapshot,
  type Disposable,
  type Policy,
  type WindowCounts,
} from '../index.js';

describe('the circuit breaker’s public types', () => {
  it('builds a Policy whose execute keeps the function’s result type', () => {
    const breaker = circuitBreaker();
    expectTypeOf(breaker).toEqualTypeOf<CircuitBreakerPolicy>();
    expectTypeOf(breaker).toExtend<Policy>();
    expectTypeOf(breaker.execute(() => 42)).toEqualTypeOf<Promise<number>>();
    expectTypeOf(breaker.execute(async () => 'x')).toEqualTypeOf<Promise<string>>();
  });

  it('exposes the state as a union of string literals', () => {
    expectTypeOf(circuitBreaker().state).toEqualTypeOf<'CLOSED' | 'OPEN' | 'HALF_OPEN' | 'ISOLATED' | 'DISABLED'>();
    expectTypeOf(CircuitState.HalfOpen).toEqualTypeOf<'HALF_OPEN'>();
  });

  it('types its methods and event payloads', () => {
    const breaker = circuitBreaker();
    expectTypeOf(breaker.isolate()).toEqualTypeOf<Disposable>();
    expectTypeOf(breaker.counts()).toEqualTypeOf<WindowCounts>();
    expectTypeOf(breaker.toJSON()).toEqualTypeOf<CircuitBreakerSnapshot>();
    breaker.onStateChange((e) => expectTypeOf(e).toEqualTypeOf<{ name: string; from: CircuitState; to: CircuitState; reason?: string }>());
    breaker.onRejection((e) => expectTypeOf(e.retryAfterMs).toBeNumber());
    breaker.onFailure((e) => expectTypeOf(e.error).toBeUnknown());
  });

  it('refuses options of the wrong shape', () => {
    // @ts-expect-error window.type must be 'count' or 'time'
    const badWindow: CircuitBreakerOptions = { window: { type: 'sliding', size: 10 } };
    // @ts-expect-error a time window needs a duration
    const noDuration: CircuitBreakerOptions = { window: { type: 'time' } };
    const fine: CircuitBreakerOptions = { window: { type: 'time', duration: '10s' }, openDuration: '30s', tripWhen: (c) => c.cost > 1_000 };
    expectTypeOf([badWindow, noDuration, fine]).toBeArray();
  });
});
