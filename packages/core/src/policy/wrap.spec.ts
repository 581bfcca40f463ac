import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isInvalidOptionError } from '../errors/invalid-option.error.js';
import { isTimeoutError } from '../errors/timeout.error.js';
import { retry } from '../retry/retry.policy.js';
import { timeout } from '../timeout/timeout.policy.js';
import type { Policy, PolicyContext } from './policy.js';
import { wrap } from './wrap.js';

/** A policy that logs entry and exit and adds `{ [name]: true }` and its own signal to the context. */
function tracing(name: string, log: string[]): Policy<PolicyContext & Record<string, unknown>> & { signals: AbortSignal[] } {
  const signals: AbortSignal[] = [];
  return {
    signals,
    async execute(fn, signal) {
      signals.push(signal!);
      log.push(`enter ${name}`);
      try {
        return await fn({ signal: new AbortController().signal, [name]: true, from: name });
      } finally {
        log.push(`exit ${name}`);
      }
    },
  };
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('wrap', () => {
  it('runs the first policy outermost and the last innermost', async () => {
    const log: string[] = [];
    const policy = wrap(tracing('outer', log), tracing('middle', log), tracing('inner', log));
    await policy.execute(() => log.push('fn'));
    expect(log).toEqual(['enter outer', 'enter middle', 'enter inner', 'fn', 'exit inner', 'exit middle', 'exit outer']);
  });

  it('merges every context, the inner ones winning where they overlap', async () => {
    const log: string[] = [];
    const inner = tracing('inner', log);
    const policy = wrap(tracing('outer', log), inner);
    let context: Record<string, unknown> = {};
    await policy.execute((c) => (context = { ...c }));
    expect(context).toMatchObject({ outer: true, inner: true, from: 'inner' });
    expect(context.signal).toBeInstanceOf(AbortSignal);
  });

  it('hands each policy the signal of its outer neighbour’s context, and the caller’s to the outermost', async () => {
    const outer = tracing('outer', []);
    const inner = tracing('inner', []);
    const caller = new AbortController().signal;
    let fnSignal: AbortSignal | undefined;
    await wrap(outer, inner).execute(({ signal }) => (fnSignal = signal), caller);
    expect(outer.signals[0]).toBe(caller);
    expect(inner.signals[0]).not.toBe(caller);
    expect(fnSignal).not.toBe(inner.signals[0]);
  });

  it('passes the attempt from retry and the signal from the innermost timeout', async () => {
    const contexts: Array<{ attempt: number; signal: AbortSignal }> = [];
    const caller = new AbortController();
    const policy = wrap(retry({ delay: 0 }), timeout(1_000));
    await policy.execute((context) => {
      contexts.push(context);
      if (contexts.length < 2) throw new Error('flaky');
      return 'ok';
    }, caller.signal);
    expect(contexts.map((c) => c.attempt)).toEqual([1, 2]);
    expect(contexts[0].signal).not.toBe(caller.signal);
    expect(contexts[0].signal).not.toBe(contexts[1].signal);
  });

  it('retries timeouts in wrap(retry, timeout), aborting each timed-out attempt', async () => {
    const signals: AbortSignal[] = [];
    const policy = wrap(retry({ delay: 0, maxAttempts: 3 }), timeout('1s'));
    const call = policy.execute(({ signal, attempt }) => {
      signals.push(signal);
      return attempt < 3 ? new Promise<never>(() => {}) : 'third time lucky';
    });
    await vi.advanceTimersByTimeAsync(2_000);
    await expect(call).resolves.toBe('third time lucky');
    expect(signals.map((s) => s.aborted)).toEqual([true, true, false]);
    expect(isTimeoutError(signals[0].reason)).toBe(true);
  });

  it('rethrows the last TimeoutError when every attempt times out', async () => {
    const policy = wrap(retry({ delay: 0, maxAttempts: 2 }), timeout(100));
    const call = policy.execute(() => new Promise<never>(() => {}));
    const outcome = call.catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(200);
    expect(isTimeoutError(await outcome)).toBe(true);
  });

  it('cancels the innermost attempt when the caller aborts', async () => {
    const caller = new AbortController();
    let attemptSignal: AbortSignal | undefined;
    const call = wrap(retry(), timeout('10s')).execute(({ signal }) => {
      attemptSignal = signal;
      return new Promise<never>(() => {});
    }, caller.signal);
    caller.abort('bye');
    await expect(call).rejects.toBe('bye');
    expect(attemptSignal!.reason).toBe('bye');
  });

  it('works with a single policy', async () => {
    await expect(wrap(retry()).execute(({ attempt }) => attempt)).resolves.toBe(1);
  });

  it.each([
    [[], "Invalid option wrap.policies: []. Expected at least one policy, outermost first, e.g. wrap(retry(), timeout('1s'))."],
    [
      [{}],
      'Invalid option wrap.policies[0]: {}. Expected a policy: an object with an execute(fn, signal) method, such as retry() or timeout().',
    ],
    [
      [retry(), null],
      'Invalid option wrap.policies[1]: null. Expected a policy: an object with an execute(fn, signal) method, such as retry() or timeout().',
    ],
  ])('rejects wrap(...%j), naming the argument', (policies, message) => {
    let caught: unknown;
    try {
      (wrap as (...args: unknown[]) => unknown)(...policies);
    } catch (error) {
      caught = error;
    }
    expect(isInvalidOptionError(caught)).toBe(true);
    expect((caught as Error).message).toBe(message);
  });
});
