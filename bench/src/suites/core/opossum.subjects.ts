import CircuitBreaker from 'opossum';
import { expect, ignore, settle, type Operation, type Subjects } from './subjects.js';

/**
 * What opossum users write for retry, which opossum lacks: up to `maxAttempts` tries, no delay.
 *
 * @param breaker the breaker to fire
 * @param maxAttempts tries before giving up
 * @returns the first successful result
 * @throws the last attempt's error
 */
async function fireWithRetry<T>(breaker: CircuitBreaker<[], T>, maxAttempts: number): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await breaker.fire();
    } catch (error) {
      if (attempt >= maxAttempts) throw error;
    }
  }
}

/** Opossum subjects plus the context row: the same breaker without its per-call timeout timer. */
export interface OpossumSubjects extends Subjects {
  /** A CLOSED breaker with `timeout: false`, which skips the `setTimeout` opossum arms per call. */
  readonly breakerWithoutTimeout: () => PromiseLike<number>;
}

/**
 * opossum 9.0.0's breakers for the core suite, on their defaults (10 s call timeout, 50 % error
 * threshold over a 10 s rolling window), inside a minimal retry loop for the stack.
 *
 * @param fn the protected operation
 * @returns the subjects to time
 */
export function opossumSubjects(fn: Operation): OpossumSubjects {
  const stackBreaker = new CircuitBreaker(fn);
  const breaker = new CircuitBreaker(fn);
  const untimed = new CircuitBreaker(fn, { timeout: false });
  // Long reset timeout: a breaker forced open must not turn half-open in the middle of the run.
  const open = new CircuitBreaker(fn, { resetTimeout: 3_600_000 });
  open.open();
  const all = [stackBreaker, breaker, untimed, open];
  return {
    stack: () => fireWithRetry(stackBreaker, 3),
    breaker: () => breaker.fire(),
    breakerWithoutTimeout: () => untimed.fire(),
    openRejection: () => open.fire().catch(ignore),
    async verify() {
      expect((await settle(fireWithRetry(stackBreaker, 3))).value === 42, 'opossum retry loop returns 42');
      expect((await settle(breaker.fire())).value === 42, 'opossum breaker returns 42');
      expect((await settle(untimed.fire())).value === 42, 'opossum breaker without timeout returns 42');
      expect(stackBreaker.closed && breaker.closed && untimed.closed, 'opossum breakers stay closed');
      const refused = (await settle(open.fire())).error as { code?: string } | undefined;
      expect(refused?.code === 'EOPENBREAKER', 'opossum open breaker refuses');
      expect(open.opened, 'opossum open breaker stays open');
    },
    dispose: () => all.forEach((b) => b.shutdown()),
  };
}
