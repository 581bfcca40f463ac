import { Injectable, Logger } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BulwarkModule, CircuitBreaker, CircuitBreakerRegistry } from '../src/index.js';
import { closeApps, createApp } from './testing-app.js';

@Injectable()
class SharedClass {
  @CircuitBreaker('payments')
  async pay(fail: boolean): Promise<string> {
    if (fail) throw new Error('declined');
    return 'paid';
  }
}

describe('applications in one process', () => {
  afterEach(closeApps);

  it('share no breaker, config or state', async () => {
    const strict = await createApp({
      imports: [BulwarkModule.forRoot({ circuitBreakers: { payments: { consecutiveFailures: 1 } } })],
      providers: [SharedClass],
    });
    const lenient = await createApp({
      imports: [BulwarkModule.forRoot({ circuitBreakers: { payments: { consecutiveFailures: 100 } } })],
      providers: [SharedClass],
    });
    await expect(strict.get(SharedClass).pay(true)).rejects.toThrow('declined');
    expect(strict.get(CircuitBreakerRegistry).state('payments')).toBe('OPEN');
    expect(lenient.get(CircuitBreakerRegistry).state('payments')).toBe('CLOSED');
    await expect(lenient.get(SharedClass).pay(false)).resolves.toBe('paid');
    expect(strict.get(CircuitBreakerRegistry).get('payments')).not.toBe(lenient.get(CircuitBreakerRegistry).get('payments'));
  });
});

describe('without BulwarkModule', () => {
  it('runs decorated methods unprotected and warns once, saying why', async () => {
    const warn = vi.spyOn(Logger.prototype, 'warn').mockImplementation(() => {});
    try {
      const moduleRef = await Test.createTestingModule({ providers: [SharedClass] }).compile();
      const app = await moduleRef.createNestApplication({ logger: false }).init();
      const service = app.get(SharedClass);
      await expect(service.pay(false)).resolves.toBe('paid');
      await expect(service.pay(true)).rejects.toThrow('declined');
      await expect(service.pay(true)).rejects.toThrow('declined');
      const bulwarkWarnings = warn.mock.calls.filter(([message]) => String(message).includes('Bulwark'));
      expect(bulwarkWarnings).toEqual([[expect.stringContaining('SharedClass.pay ran without its Bulwark policies because nothing wired them: import BulwarkModule.forRoot()')]]);
      await app.close();
    } finally {
      warn.mockRestore();
    }
  });
});
