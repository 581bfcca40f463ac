import { describe, expect, it } from 'vitest';
import { ManualClock } from '../clock/manual.clock.js';
import { BrokenCircuitError, isBrokenCircuitError } from '../errors/broken-circuit.error.js';
import { isBulwarkError } from '../errors/bulwark.error.js';
import { circuitBreaker } from './circuit-breaker.policy.js';

const boom = new Error('boom');

function setup() {
  const clock = new ManualClock();
  const breaker = circuitBreaker({ name: 'payments', clock, consecutiveFailures: 2, openDuration: '10s', isFailureResult: (r) => r === 'bad' });
  const events: Array<[string, unknown]> = [];
  const subscriptions = [
    breaker.onStateChange((e) => events.push(['stateChange', e])),
    breaker.onSuccess((e) => events.push(['success', e])),
    breaker.onFailure((e) => events.push(['failure', e])),
    breaker.onRejection((e) => events.push(['rejection', e])),
  ];
  return { clock, breaker, events, subscriptions };
}

describe('circuit breaker events', () => {
  it('fire with the documented payloads, in order', async () => {
    const { clock, breaker, events } = setup();
    await breaker.execute(() => (clock.advance(12), 'fine'));
    await breaker.execute(() => (clock.advance(3), 'bad'));
    await breaker.execute(() => Promise.reject(boom)).catch(() => {});
    clock.advance(4_000);
    await breaker.execute(() => 'refused').catch(() => {});
    expect(events).toEqual([
      ['success', { durationMs: 12 }],
      ['failure', { durationMs: 3, result: 'bad' }],
      ['failure', { durationMs: 0, error: boom }],
      ['stateChange', { name: 'payments', from: 'CLOSED', to: 'OPEN', reason: '2 consecutive failures' }],
      ['rejection', { state: 'OPEN', retryAfterMs: 6_000 }],
    ]);
  });

  it('fire for probes too, and on the way back to CLOSED', async () => {
    const { clock, breaker, events } = setup();
    await breaker.execute(() => Promise.reject(boom)).catch(() => {});
    await breaker.execute(() => Promise.reject(boom)).catch(() => {});
    clock.advance(10_000);
    events.length = 0;
    await breaker.execute(() => (clock.advance(5), 'ok'));
    expect(events).toEqual([
      ['stateChange', { name: 'payments', from: 'OPEN', to: 'HALF_OPEN', reason: 'open duration elapsed' }],
      ['success', { durationMs: 5 }],
      ['stateChange', { name: 'payments', from: 'HALF_OPEN', to: 'CLOSED', reason: 'probes succeeded' }],
    ]);
  });

  it('report refusals while ISOLATED with retryAfterMs 0', async () => {
    const { breaker, events } = setup();
    breaker.isolate();
    await breaker.execute(() => 'x').catch(() => {});
    expect(events.at(-1)).toEqual(['rejection', { state: 'ISOLATED', retryAfterMs: 0 }]);
  });

  it('stop reaching a listener once it is disposed', async () => {
    const { breaker, events, subscriptions } = setup();
    for (const subscription of subscriptions) subscription.dispose();
    await breaker.execute(() => 'ok');
    for (let i = 0; i < 3; i++) await breaker.execute(() => Promise.reject(boom)).catch(() => {});
    breaker.reset();
    expect(events).toEqual([]);
  });
});

describe('the error of a refused call', () => {
  async function refusal() {
    const { clock, breaker } = setup();
    await breaker.execute(() => Promise.reject(boom)).catch(() => {});
    await breaker.execute(() => Promise.reject(boom)).catch(() => {});
    clock.advance(2_500);
    return breaker.execute(() => 'x').catch((error: unknown) => error);
  }

  it('is a BrokenCircuitError naming the circuit, its state and when to retry', async () => {
    const error = await refusal();
    expect(error).toBeInstanceOf(BrokenCircuitError);
    expect(isBrokenCircuitError(error)).toBe(true);
    expect(isBulwarkError(error)).toBe(true);
    expect(error).toMatchObject({ name: 'BrokenCircuitError', code: 'BULWARK_BROKEN_CIRCUIT', circuitName: 'payments', state: 'OPEN', retryAfterMs: 7_500 });
    expect((error as Error).message).toBe(
      'Circuit "payments" is OPEN: the call was refused without reaching the dependency. Retry in 7500 ms, or serve a fallback.',
    );
  });

  it('carries no stack frames, as capturing them would cost more than refusing', async () => {
    const error = (await refusal()) as Error;
    expect(error.stack ?? '').not.toMatch(/\n\s+at /);
  });
});
