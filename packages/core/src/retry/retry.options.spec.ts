import { describe, expect, it } from 'vitest';
import { BACKOFFS } from '../backoff/backoff.js';
import { JITTERS } from '../backoff/jitter.js';
import { systemClock } from '../clock/clock.js';
import { ManualClock } from '../clock/manual.clock.js';
import { isInvalidOptionError, type InvalidOptionError } from '../errors/invalid-option.error.js';
import { isRetryableByDefault, readRetryAfterMs } from './retry-on.js';
import { RETRY_DEFAULTS, resolveRetryOptions, type RetryOptions } from './retry.options.js';
import { retry } from './retry.policy.js';
import { retryBudget } from './retry-budget.js';

const DURATION = "milliseconds as a number, or a string such as '250ms', '10s', '5m' or '1h'";
const RETRY_ON = 'a predicate (error) => boolean, or an array of error classes such as [TypeError, HttpError]';
const KNOWN =
  'maxAttempts, maxElapsed, backoff, delay, maxDelay, multiplier, jitter, retryOn, retryOnResult, retryAfter, budget, random, clock';

function rejection(options: unknown): InvalidOptionError {
  try {
    retry(options as RetryOptions);
  } catch (error) {
    if (isInvalidOptionError(error)) return error;
    throw error;
  }
  throw new Error(`retry(${JSON.stringify(options)}) was accepted`);
}

describe('retry options', () => {
  it('merges every default in one place', () => {
    const settings = resolveRetryOptions();
    expect(settings).toEqual({
      maxAttempts: 3,
      maxElapsedMs: undefined,
      backoff: BACKOFFS.exponential,
      jitter: JITTERS.full,
      delayMs: 100,
      maxDelayMs: 30_000,
      multiplier: 2,
      shouldRetry: isRetryableByDefault,
      retryOnResult: undefined,
      retryAfter: readRetryAfterMs,
      budget: undefined,
      random: Math.random,
      clock: systemClock,
    });
    expect(RETRY_DEFAULTS).toMatchObject({ maxAttempts: 3, backoff: 'exponential', delay: 100, maxDelay: 30_000, multiplier: 2, jitter: 'full' });
  });

  it('converts durations and keeps what was given', () => {
    const clock = new ManualClock();
    const budget = retryBudget({ clock });
    const settings = resolveRetryOptions({ maxElapsed: '1m', delay: '1.5s', maxDelay: '2m', backoff: 'linear', jitter: 'none', budget, clock });
    expect(settings).toMatchObject({ maxElapsedMs: 60_000, delayMs: 1_500, maxDelayMs: 120_000, backoff: BACKOFFS.linear, jitter: JITTERS.none, budget, clock });
  });

  it('accepts maxDelay equal to delay, and undefined values as "use the default"', () => {
    expect(resolveRetryOptions({ delay: '1s', maxDelay: 1_000 }).maxDelayMs).toBe(1_000);
    expect(resolveRetryOptions({ maxAttempts: undefined }).maxAttempts).toBe(3);
  });

  it.each<[string, unknown, string]>([
    ['maxAttempts below 1', { maxAttempts: 0 }, 'Invalid option retry.maxAttempts: 0. Expected an integer 1 or more.'],
    ['a fractional maxAttempts', { maxAttempts: 2.5 }, 'Invalid option retry.maxAttempts: 2.5. Expected an integer 1 or more.'],
    ['maxAttempts as a string', { maxAttempts: '3' }, 'Invalid option retry.maxAttempts: "3". Expected an integer 1 or more.'],
    ['a negative maxElapsed', { maxElapsed: -1 }, `Invalid option retry.maxElapsed: -1. Expected a finite duration, zero or more: ${DURATION}.`],
    ['a negative delay', { delay: -5 }, `Invalid option retry.delay: -5. Expected a finite duration, zero or more: ${DURATION}.`],
    ['a malformed delay', { delay: '1 sec' }, `Invalid option retry.delay: "1 sec". Expected a finite duration, zero or more: ${DURATION}.`],
    ['a negative maxDelay', { maxDelay: '-1s' }, `Invalid option retry.maxDelay: "-1s". Expected a finite duration, zero or more: ${DURATION}.`],
    [
      'maxDelay below delay',
      { maxDelay: 50 },
      'Invalid option retry.maxDelay: 50. Expected a duration of at least retry.delay (100 ms), since it caps every wait: raise maxDelay or lower delay.',
    ],
    [
      'a delay above the default maxDelay',
      { delay: '1m' },
      'Invalid option retry.maxDelay: 30000. Expected a duration of at least retry.delay (60000 ms), since it caps every wait; ' +
        'it was not given, and its default is shorter than delay: set maxDelay too.',
    ],
    ['multiplier below 1', { multiplier: 0.5 }, 'Invalid option retry.multiplier: 0.5. Expected a finite number of at least 1.'],
    ['an unknown jitter', { jitter: 'fully' }, "Invalid option retry.jitter: \"fully\". Expected one of 'none', 'full', 'equal', 'decorrelated'."],
    ['an unknown backoff', { backoff: 'exp' }, "Invalid option retry.backoff: \"exp\". Expected one of 'constant', 'linear', 'exponential'."],
    ['retryOn as a string', { retryOn: 'Error' }, `Invalid option retry.retryOn: "Error". Expected ${RETRY_ON}.`],
    ['retryOn as an object', { retryOn: { TypeError } }, `Invalid option retry.retryOn: {"TypeError":"[function]"}. Expected ${RETRY_ON}.`],
    ['a non-function retryOnResult', { retryOnResult: true }, 'Invalid option retry.retryOnResult: true. Expected a function.'],
    ['a non-function retryAfter', { retryAfter: 5 }, 'Invalid option retry.retryAfter: 5. Expected a function.'],
    [
      'a budget that is not one',
      { budget: { ratio: 0.1 } },
      'Invalid option retry.budget: {"ratio":0.1}. Expected a RetryBudget created by retryBudget(), or an object with recordCall() and tryWithdraw() methods.',
    ],
    ['a non-function random', { random: 0.5 }, 'Invalid option retry.random: 0.5. Expected a function.'],
    [
      'a clock without now()',
      { clock: {} },
      'Invalid option retry.clock: {}. Expected a Clock: an object with a now() method returning monotonic milliseconds, such as systemClock or a ManualClock.',
    ],
    ['a misspelt option', { maxAttempt: 3 }, `Unknown option retry.maxAttempt. Did you mean "maxAttempts"? Known options: ${KNOWN}.`],
    ['another misspelt option', { jiter: 'full' }, `Unknown option retry.jiter. Did you mean "jitter"? Known options: ${KNOWN}.`],
    ['an unknown option', { retries: 3 }, `Unknown option retry.retries. Known options: ${KNOWN}.`],
    ['options that are not an object', 'fast', 'Invalid options for retry: "fast". Expected an object of options, or nothing for the defaults.'],
  ])('rejects %s, naming the option, the value and what is allowed', (_case, options, message) => {
    const error = rejection(options);
    expect(error.message).toBe(message);
    expect(error.code).toBe('BULWARK_INVALID_OPTION');
  });

  it.each<[string, unknown, string]>([
    ['an infinite maxElapsed', { maxElapsed: Infinity }, 'maxElapsed'],
    ['a NaN delay', { delay: NaN }, 'delay'],
    ['an infinite maxDelay', { maxDelay: Infinity }, 'maxDelay'],
    ['a NaN multiplier', { multiplier: NaN }, 'multiplier'],
  ])('rejects %s', (_case, options, option) => {
    const error = rejection(options);
    expect(error.option).toBe(`retry.${option}`);
    expect(error.message).toMatch(new RegExp(`^Invalid option retry\\.${option}: .+\\. Expected a finite (duration|number)`));
  });

  it.each<[string, unknown]>([
    ['an arrow function, which is not a class', [(error: unknown) => error instanceof TypeError]],
    ['a string', [TypeError, 'RangeError']],
  ])('rejects a retryOn list holding %s', (_case, retryOn) => {
    const error = rejection({ retryOn });
    expect(error.option).toBe('retry.retryOn');
    expect(error.message).toMatch(/^Invalid option retry\.retryOn: .+\. Expected a predicate \(error\) => boolean, or an array of error classes/);
  });

  it('accepts user-defined error classes in retryOn', () => {
    class HttpError extends Error {}
    function LegacyError(this: Error): void {}
    expect(() => retry({ retryOn: [HttpError, LegacyError as unknown as ErrorConstructor, DOMException] })).not.toThrow();
  });
});
