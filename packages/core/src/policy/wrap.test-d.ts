import { describe, expectTypeOf, it } from 'vitest';
import { retry } from '../retry/retry.policy.js';
import type { RetryContext } from '../retry/retry.context.js';
import { timeout } from '../timeout/timeout.policy.js';
import type { Policy, PolicyContext } from './policy.js';
import { wrap, type PolicyWrap } from './wrap.js';

describe('wrap types', () => {
  it('merges the contexts of every policy', () => {
    const policy = wrap(retry(), timeout(1_000));
    expectTypeOf(policy).toExtend<Policy<RetryContext>>();
    void policy.execute((context) => {
      expectTypeOf(context.attempt).toEqualTypeOf<number>();
      expectTypeOf(context.signal).toEqualTypeOf<AbortSignal>();
      return 1;
    });
  });

  it('returns what the function returns', () => {
    expectTypeOf(wrap(timeout(10)).execute(() => 'x')).toEqualTypeOf<Promise<string>>();
    expectTypeOf(wrap(timeout(10)).execute(async () => 42)).toEqualTypeOf<Promise<number>>();
  });

  it('keeps a custom policy’s context', () => {
    interface TenantContext extends PolicyContext {
      readonly tenant: string;
    }
    const tenancy = {} as Policy<TenantContext>;
    expectTypeOf(wrap(tenancy, retry())).toEqualTypeOf<PolicyWrap<PolicyContext & (TenantContext & RetryContext)>>();
    void wrap(tenancy, retry()).execute(({ tenant, attempt }) => `${tenant}:${attempt}`);
  });

  it('needs at least one policy', () => {
    // @ts-expect-error wrap() without a policy
    wrap();
  });
});
