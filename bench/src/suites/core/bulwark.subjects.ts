import { circuitBreaker, isBrokenCircuitError, retry, wrap } from '@bulwark/core';
import { expect, ignore, settle, type Operation, type Subjects } from './subjects.js';

/**
 * Bulwark's policies for the core suite: `wrap(retry, circuitBreaker)` with options that mirror
 * the cockatiel setup (3 attempts, 5 consecutive failures, 10 s open).
 *
 * @param fn the protected operation
 * @returns the subjects to time
 */
export function bulwarkSubjects(fn: Operation): Subjects {
  const breakerOptions = { consecutiveFailures: 5, openDuration: '10s' } as const;
  const stackBreaker = circuitBreaker({ name: 'bench-stack', ...breakerOptions });
  const stack = wrap(retry({ maxAttempts: 3 }), stackBreaker);
  const breaker = circuitBreaker({ name: 'bench-breaker', ...breakerOptions });
  const open = circuitBreaker({ name: 'bench-open', ...breakerOptions });
  const isolation = open.isolate();
  return {
    stack: () => stack.execute(fn),
    breaker: () => breaker.execute(fn),
    openRejection: () => open.execute(fn).catch(ignore),
    async verify() {
      expect((await settle(stack.execute(fn))).value === 42, 'bulwark wrap(retry, breaker) returns 42');
      expect((await settle(breaker.execute(fn))).value === 42, 'bulwark breaker returns 42');
      expect(stackBreaker.state === 'CLOSED' && breaker.state === 'CLOSED', 'bulwark breakers stay CLOSED');
      expect(isBrokenCircuitError((await settle(open.execute(fn))).error), 'bulwark open breaker refuses');
      expect(open.state === 'ISOLATED', 'bulwark open breaker stays ISOLATED');
    },
    dispose: () => isolation.dispose(),
  };
}
