import { Injectable } from '@nestjs/common';
import { BrokenCircuitError, ManualClock, TimeoutError } from '@bulwark/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BulwarkModule, CircuitBreaker, CircuitBreakerRegistry, Retry, Timeout } from '../src/index.js';
import { closeApps, createApp } from './testing-app.js';

const retryOptions = { maxAttempts: 3, delay: 0, jitter: 'none' } as const;
const breakerOptions = { consecutiveFailures: 4 } as const;

@Injectable()
class RetryOutside {
  calls = 0;
  @Retry(retryOptions)
  @CircuitBreaker(breakerOptions)
  async call(): Promise<string> {
    this.calls++;
    throw new Error('down');
  }
}

@Injectable()
class RetryWrittenInside {
  calls = 0;
  @CircuitBreaker(breakerOptions)
  @Retry(retryOptions)
  async call(): Promise<string> {
    this.calls++;
    throw new Error('down');
  }
}

@Injectable()
class TimedCall {
  attempts = 0;
  @Timeout(50)
  @Retry({ maxAttempts: 2, delay: 0, jitter: 'none' })
  call(): Promise<string> {
    this.attempts++;
    return new Promise(() => {});
  }
}

describe('one composition order, whatever order the decorators are written in', () => {
  afterEach(closeApps);

  it.each([RetryOutside, RetryWrittenInside])('%o: every attempt counts in the breaker, and an open circuit is not retried', async (Service) => {
    const app = await createApp({ imports: [BulwarkModule.forRoot()], providers: [Service] });
    const service = app.get<RetryOutside>(Service);
    const breaker = app.get(CircuitBreakerRegistry).get(`${Service.name}.call`);
    await expect(service.call()).rejects.toThrow('down');
    expect(service.calls).toBe(3);
    expect(breaker.counts().failures).toBe(3);
    // The 4th failure opens the circuit; the next attempt is refused and the retry stops there.
    await expect(service.call()).rejects.toBeInstanceOf(BrokenCircuitError);
    expect(service.calls).toBe(4);
  });

  it('times out each attempt, and the retry sees the TimeoutError', async () => {
    vi.useFakeTimers();
    try {
      const app = await createApp({ imports: [BulwarkModule.forRoot({ clock: new ManualClock() })], providers: [TimedCall] });
      const service = app.get(TimedCall);
      const outcome = service.call().catch((error: unknown) => error);
      await vi.advanceTimersByTimeAsync(50);
      await vi.advanceTimersByTimeAsync(50);
      expect(await outcome).toBeInstanceOf(TimeoutError);
      expect(service.attempts).toBe(2);
    } finally {
      vi.useRealTimers();
    }
  });
});
