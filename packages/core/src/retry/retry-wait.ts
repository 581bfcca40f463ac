import { neverAbortedSignal } from '../policy/policy.js';

/**
 * Waits `ms` milliseconds unless `signal` aborts first.
 *
 * @param ms how long to wait; 0 resolves without a timer
 * @param signal cancels the wait at once
 * @returns a promise that resolves after the wait, or rejects with `signal.reason` as soon as the
 *   signal aborts (immediately when it already has)
 * @example
 * await abortableDelay(250, controller.signal);
 */
export function abortableDelay(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(signal.reason);
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    // The shared never-aborted signal gets no listener: many concurrent waits would trip Node's
    // listener-leak warning on it, and it cannot fire anyway.
    const listens = signal !== neverAbortedSignal;
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      if (listens) signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    if (listens) signal.addEventListener('abort', onAbort, { once: true });
  });
}
