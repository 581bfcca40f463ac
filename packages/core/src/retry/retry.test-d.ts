import { describe, expectTypeOf, it } from 'vitest';
import type { Event } from '../events/event.js';
import type { Policy } from '../policy/policy.js';
import { timeout, type TimeoutPolicy } from '../timeout/timeout.policy.js';
import type { RetryContext } from './retry.context.js';
import type { RetryGiveUpReason } from './retry.events.js';
import { retry, type RetryPolicy } from './retry.policy.js';
import { retryBudget, type RetryBudget } from './retry-budget.js';

describe('retry types', () => {
  it('is a Policy<RetryContext> whose execute returns what fn returns', () => {
    expectTypeOf(retry()).toEqualTypeOf<RetryPolicy>();
    expectTypeOf(retry()).toExtend<Policy<RetryContext>>();
    expectTypeOf(retry().execute(() => 1)).toEqualTypeOf<Promise<number>>();
    expectTypeOf(retry().execute(async () => 'x')).toEqualTypeOf<Promise<string>>();
  });

  it('exposes its events', () => {
    expectTypeOf(retry().onRetry).toEqualTypeOf<Event<import('./retry.events.js').RetryEvent>>();
    expectTypeOf<Parameters<Parameters<RetryPolicy['onGiveUp']>[0]>[0]['reason']>().toEqualTypeOf<RetryGiveUpReason>();
    expectTypeOf<RetryGiveUpReason>().toEqualTypeOf<'attempts' | 'elapsed' | 'budget' | 'not-retryable' | 'aborted'>();
    expectTypeOf<Parameters<Parameters<RetryPolicy['onSuccess']>[0]>[0]>().toEqualTypeOf<{ readonly attempts: number }>();
  });

  it('types its options', () => {
    expectTypeOf(retryBudget()).toEqualTypeOf<RetryBudget>();
    retry({ backoff: 'linear', jitter: 'decorrelated', delay: '1s', maxElapsed: 5_000, retryOn: [TypeError], budget: retryBudget() });
    // @ts-expect-error an unknown jitter
    retry({ jitter: 'fully' });
    // @ts-expect-error a malformed duration
    retry({ delay: '1 sec' });
    // @ts-expect-error retryOn holds classes, not instances
    retry({ retryOn: [new TypeError()] });
  });

  it('makes timeout a plain Policy with timeoutMs', () => {
    expectTypeOf(timeout('1s')).toEqualTypeOf<TimeoutPolicy>();
    expectTypeOf(timeout('1s').timeoutMs).toEqualTypeOf<number>();
    expectTypeOf(timeout('1s')).toExtend<Policy>();
  });
});
