import {
  BrokenCircuitError,
  CircuitState,
  ConsecutiveBreaker,
  ExponentialBackoff,
  circuitBreaker,
  handleAll,
  retry,
  wrap,
} from 'cockatiel';
import { expect, ignore, settle, type Operation, type Subjects } from './subjects.js';

/** The cockatiel breaker the suite uses everywhere: 5 consecutive failures, 10 s open. */
function newBreaker() {
  return circuitBreaker(handleAll, { halfOpenAfter: 10_000, breaker: new ConsecutiveBreaker(5) });
}

/**
 * cockatiel 3.2.1's policies for the core suite, as its README composes them:
 * `wrap(retry(handleAll, { maxAttempts: 3, backoff: new ExponentialBackoff() }), circuitBreaker(...))`.
 *
 * @param fn the protected operation
 * @returns the subjects to time
 */
export function cockatielSubjects(fn: Operation): Subjects {
  const stackBreaker = newBreaker();
  const stack = wrap(retry(handleAll, { maxAttempts: 3, backoff: new ExponentialBackoff() }), stackBreaker);
  const breaker = newBreaker();
  const open = newBreaker();
  const isolation = open.isolate();
  return {
    stack: () => stack.execute(fn),
    breaker: () => breaker.execute(fn),
    openRejection: () => open.execute(fn).catch(ignore),
    async verify() {
      expect((await settle(stack.execute(fn))).value === 42, 'cockatiel wrap(retry, breaker) returns 42');
      expect((await settle(breaker.execute(fn))).value === 42, 'cockatiel breaker returns 42');
      const closed = stackBreaker.state === CircuitState.Closed && breaker.state === CircuitState.Closed;
      expect(closed, 'cockatiel breakers stay Closed');
      expect((await settle(open.execute(fn))).error instanceof BrokenCircuitError, 'cockatiel open breaker refuses');
      expect(open.state === CircuitState.Isolated, 'cockatiel open breaker stays Isolated');
    },
    dispose: () => isolation.dispose(),
  };
}
