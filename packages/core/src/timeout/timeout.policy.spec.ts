import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isInvalidOptionError } from '../errors/invalid-option.error.js';
import { isTimeoutError, TimeoutError } from '../errors/timeout.error.js';
import type { PolicyContext } from '../policy/policy.js';
import { timeout, TimeoutPolicy } from './timeout.policy.js';

/** An operation that never settles unless told to, recording the signal it was given. */
function pending<T>() {
  const seen: { signal?: AbortSignal; resolve?: (value: T) => void; reject?: (error: unknown) => void } = {};
  const fn = ({ signal }: PolicyContext): Promise<T> =>
    new Promise<T>((resolve, reject) => Object.assign(seen, { signal, resolve, reject }));
  return { fn, seen };
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('TimeoutPolicy', () => {
  it('returns what fn resolves with in time, and clears its timer', async () => {
    const { fn, seen } = pending<string>();
    const call = timeout(1_000).execute(fn);
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(999);
    seen.resolve!('ok');
    await expect(call).resolves.toBe('ok');
    expect(vi.getTimerCount()).toBe(0);
    expect(seen.signal!.aborted).toBe(false);
  });

  it('rethrows what fn rejects with in time, and clears its timer', async () => {
    const { fn, seen } = pending<string>();
    const call = timeout(1_000).execute(fn);
    const failure = new Error('refused');
    seen.reject!(failure);
    await expect(call).rejects.toBe(failure);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('starts no timer for a synchronous result or throw', async () => {
    const policy = timeout(1_000);
    await expect(policy.execute(() => 42)).resolves.toBe(42);
    const failure = new Error('sync');
    await expect(
      policy.execute(() => {
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('rejects with a TimeoutError at once when time is up, without waiting for fn, and aborts its signal', async () => {
    const { fn, seen } = pending<string>();
    const call = timeout('250ms').execute(fn);
    const outcome = call.catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(250);
    const error = await outcome;
    expect(error).toBeInstanceOf(TimeoutError);
    expect(isTimeoutError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'BULWARK_TIMEOUT', timeoutMs: 250, name: 'TimeoutError' });
    expect((error as Error).message).toBe(
      'The operation did not settle within 250 ms and was aborted. Raise the timeout if the dependency is slow but healthy.',
    );
    expect(seen.signal!.aborted).toBe(true);
    expect(seen.signal!.reason).toBe(error);
  });

  it('ignores fn settling after the timeout', async () => {
    const { fn, seen } = pending<string>();
    const call = timeout(10).execute(fn);
    const outcome = call.catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(10);
    seen.reject!(new Error('late'));
    expect(isTimeoutError(await outcome)).toBe(true);
  });

  it('emits onTimeout with the limit, only when time is up', async () => {
    const policy = timeout(100);
    const onTimeout = vi.fn();
    policy.onTimeout(onTimeout);
    await policy.execute(() => Promise.resolve('fast'));
    expect(onTimeout).not.toHaveBeenCalled();
    const call = policy.execute(pending<string>().fn).catch(() => undefined);
    await vi.advanceTimersByTimeAsync(100);
    await call;
    expect(onTimeout.mock.calls).toEqual([[{ timeoutMs: 100 }]]);
  });

  it('rejects with the caller’s reason when the caller aborts first, and aborts fn’s signal with it', async () => {
    const controller = new AbortController();
    const { fn, seen } = pending<string>();
    const policy = timeout(1_000);
    const onTimeout = vi.fn();
    policy.onTimeout(onTimeout);
    const call = policy.execute(fn, controller.signal);
    const reason = new Error('client went away');
    controller.abort(reason);
    await expect(call).rejects.toBe(reason);
    expect(seen.signal!.reason).toBe(reason);
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(onTimeout).not.toHaveBeenCalled();
  });

  it('rejects with the caller’s reason when the caller aborts while fn runs synchronously', async () => {
    const controller = new AbortController();
    const call = timeout(1_000).execute(() => {
      controller.abort('stop');
      return new Promise<never>(() => {});
    }, controller.signal);
    await expect(call).rejects.toBe('stop');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('rejects before calling fn when the caller’s signal is already aborted', async () => {
    const fn = vi.fn(() => 'never');
    await expect(timeout(1_000).execute(fn, AbortSignal.abort('gone'))).rejects.toBe('gone');
    expect(fn).not.toHaveBeenCalled();
  });

  it('gives each call its own signal, distinct from the caller’s', async () => {
    const controller = new AbortController();
    const signals: AbortSignal[] = [];
    const policy = timeout(1_000);
    await policy.execute(({ signal }) => signals.push(signal), controller.signal);
    await policy.execute(({ signal }) => signals.push(signal), controller.signal);
    expect(signals[0]).not.toBe(signals[1]);
    expect(signals[0]).not.toBe(controller.signal);
  });

  it('removes its listener from the caller’s signal when fn settles', async () => {
    const controller = new AbortController();
    const remove = vi.spyOn(controller.signal, 'removeEventListener');
    await timeout(1_000).execute(() => Promise.resolve(1), controller.signal);
    expect(remove).toHaveBeenCalledWith('abort', expect.any(Function));
  });

  it.each([
    [250, 250],
    ['2s', 2_000],
    ['1.5m', 90_000],
  ])('reads the duration %j as %d ms', (duration, ms) => {
    expect(new TimeoutPolicy(duration as never).timeoutMs).toBe(ms);
  });

  const DURATION = "milliseconds as a number, or a string such as '250ms', '10s', '5m' or '1h'";

  it.each([
    [0, `Invalid option timeout.duration: 0. Expected a finite duration greater than 0: ${DURATION}.`],
    ['0s', `Invalid option timeout.duration: "0s". Expected a finite duration greater than 0: ${DURATION}.`],
    [-1, `Invalid option timeout.duration: -1. Expected a finite duration greater than 0: ${DURATION}.`],
    ['soon', `Invalid option timeout.duration: "soon". Expected a finite duration greater than 0: ${DURATION}.`],
    [undefined, `Invalid option timeout.duration: undefined. Expected a finite duration greater than 0: ${DURATION}.`],
  ])('rejects the duration %j, naming the value and what is allowed', (duration, message) => {
    let caught: unknown;
    try {
      timeout(duration as never);
    } catch (error) {
      caught = error;
    }
    expect(isInvalidOptionError(caught)).toBe(true);
    expect((caught as Error).message).toBe(message);
  });

  it.each([Infinity, NaN])('rejects the duration %d', (duration) => {
    expect(() => timeout(duration)).toThrow(/^Invalid option timeout\.duration: .+\. Expected a finite duration greater than 0/);
  });
});
