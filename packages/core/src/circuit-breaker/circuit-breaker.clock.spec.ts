import { describe, expect, it } from 'vitest';
import { ManualClock } from '../clock/manual.clock.js';
import type { CircuitBreakerOptions } from './circuit-breaker.options.js';
import { circuitBreaker } from './circuit-breaker.policy.js';

/** A ManualClock that counts how often it is read. */
class CountingClock extends ManualClock {
  reads = 0;
  override now(): number {
    this.reads++;
    return super.now();
  }
}

describe('clock reads on the CLOSED path', () => {
  it('reads no clock for a call when nothing needs its duration', async () => {
    const clock = new CountingClock();
    const breaker = circuitBreaker({ clock, consecutiveFailures: 3 });
    clock.reads = 0;
    await breaker.execute(() => 'ok');
    await breaker.execute(() => Promise.reject(new Error('boom'))).catch(() => {});
    breaker.executeSync(() => 'ok');
    expect(clock.reads).toBe(0);
  });

  it.each<[string, CircuitBreakerOptions]>([
    ['slowCallDuration', { slowCallDuration: 100 }],
    ['costOf', { costOf: () => 1 }],
    ['a time window', { window: { type: 'time', duration: '10s' } }],
  ])('reads it once before and once after a call when %s needs the duration', async (_, options) => {
    const clock = new CountingClock();
    const breaker = circuitBreaker({ clock, ...options });
    clock.reads = 0;
    await breaker.execute(() => 'ok');
    expect(clock.reads).toBe(2);
  });

  it('times calls while someone listens to outcomes', async () => {
    const clock = new CountingClock();
    const breaker = circuitBreaker({ clock });
    const durations: number[] = [];
    breaker.onSuccess(({ durationMs }) => durations.push(durationMs));
    clock.reads = 0;
    await breaker.execute(() => (clock.advance(30), 'ok'));
    expect(clock.reads).toBe(2);
    expect(durations).toEqual([30]);
  });

  it('reports 0 ms for a call that started before its listener subscribed', async () => {
    const clock = new ManualClock();
    const breaker = circuitBreaker({ clock });
    let finish!: (value: string) => void;
    const call = breaker.execute(() => new Promise<string>((resolve) => (finish = resolve)));
    const durations: number[] = [];
    breaker.onSuccess(({ durationMs }) => durations.push(durationMs));
    clock.advance(50);
    finish('ok');
    await call;
    expect(durations).toEqual([0]);
  });

  it('still opens for the full openDuration after an untimed call trips it', async () => {
    const clock = new ManualClock(500);
    const breaker = circuitBreaker({ clock, consecutiveFailures: 1, openDuration: 1_000 });
    await breaker.execute(() => Promise.reject(new Error('boom'))).catch(() => {});
    expect(breaker.toJSON()).toMatchObject({ state: 'OPEN', remainingOpenMs: 1_000 });
  });
});
