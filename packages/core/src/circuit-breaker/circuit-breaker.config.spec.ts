import { describe, expect, it } from 'vitest';
import { isInvalidOptionError } from '../errors/invalid-option.error.js';
import type { CircuitBreakerOptions } from './circuit-breaker.options.js';
import { circuitBreaker } from './circuit-breaker.policy.js';

const FORMS = "milliseconds as a number, or a string such as '250ms', '10s', '5m' or '1h'";

/** Builds a breaker and returns what it threw. */
function rejectionOf(options: unknown): unknown {
  try {
    circuitBreaker(options as CircuitBreakerOptions);
  } catch (error) {
    return error;
  }
  throw new Error('expected the options to be rejected');
}

describe('circuit breaker option validation', () => {
  // [options, the option named, the whole message]
  const cases: Array<[unknown, string, string]> = [
    [{ failureRateThreshold: 0 }, 'circuitBreaker.failureRateThreshold', 'Invalid option circuitBreaker.failureRateThreshold: 0. Expected a number greater than 0 and at most 1, e.g. 0.5 for 50 %.'],
    [{ failureRateThreshold: 1.5 }, 'circuitBreaker.failureRateThreshold', 'Invalid option circuitBreaker.failureRateThreshold: 1.5. Expected a number greater than 0 and at most 1, e.g. 0.5 for 50 %.'],
    [{ slowCallRateThreshold: 2 }, 'circuitBreaker.slowCallRateThreshold', 'Invalid option circuitBreaker.slowCallRateThreshold: 2. Expected a number greater than 0 and at most 1, e.g. 0.5 for 50 %.'],
    [{ name: '' }, 'circuitBreaker.name', 'Invalid option circuitBreaker.name: "". Expected a non-empty string.'],
    [{ consecutiveFailures: 0 }, 'circuitBreaker.consecutiveFailures', 'Invalid option circuitBreaker.consecutiveFailures: 0. Expected an integer 1 or more.'],
    [{ consecutiveFailures: 2.5 }, 'circuitBreaker.consecutiveFailures', 'Invalid option circuitBreaker.consecutiveFailures: 2.5. Expected an integer 1 or more.'],
    [{ minimumCalls: 0 }, 'circuitBreaker.minimumCalls', 'Invalid option circuitBreaker.minimumCalls: 0. Expected an integer 1 or more.'],
    [{ halfOpenProbes: 0 }, 'circuitBreaker.halfOpenProbes', 'Invalid option circuitBreaker.halfOpenProbes: 0. Expected an integer 1 or more.'],
    [{ openDuration: -1 }, 'circuitBreaker.openDuration', `Invalid option circuitBreaker.openDuration: -1. Expected a finite duration, zero or more: ${FORMS}.`],
    [{ openDuration: '10 parsecs' }, 'circuitBreaker.openDuration', `Invalid option circuitBreaker.openDuration: "10 parsecs". Expected a finite duration, zero or more: ${FORMS}.`],
    [{ slowCallDuration: -5 }, 'circuitBreaker.slowCallDuration', `Invalid option circuitBreaker.slowCallDuration: -5. Expected a finite duration, zero or more: ${FORMS}.`],
    [{ probeTimeout: 0 }, 'circuitBreaker.probeTimeout', `Invalid option circuitBreaker.probeTimeout: 0. Expected a finite duration, at least 1 ms: ${FORMS}.`],
    [{ tripWhen: 1 }, 'circuitBreaker.tripWhen', 'Invalid option circuitBreaker.tripWhen: 1. Expected a function.'],
    [{ costOf: 'x' }, 'circuitBreaker.costOf', 'Invalid option circuitBreaker.costOf: "x". Expected a function.'],
    [{ isFailure: true }, 'circuitBreaker.isFailure', 'Invalid option circuitBreaker.isFailure: true. Expected a function.'],
    [{ isIgnored: {} }, 'circuitBreaker.isIgnored', 'Invalid option circuitBreaker.isIgnored: {}. Expected a function.'],
    [{ isFailureResult: 3 }, 'circuitBreaker.isFailureResult', 'Invalid option circuitBreaker.isFailureResult: 3. Expected a function.'],
    [{ countAborts: 'yes' }, 'circuitBreaker.countAborts', 'Invalid option circuitBreaker.countAborts: "yes". Expected true or false.'],
    [{ clock: {} }, 'circuitBreaker.clock', 'Invalid option circuitBreaker.clock: {}. Expected a Clock: an object with a now() method returning monotonic milliseconds, such as systemClock or a ManualClock.'],
    [{ minimumCall: 5 }, 'circuitBreaker.minimumCall', 'Unknown option circuitBreaker.minimumCall. Did you mean "minimumCalls"? Known options: name, consecutiveFailures, window, failureRateThreshold, slowCallDuration, slowCallRateThreshold, minimumCalls, tripWhen, costOf, openDuration, openBackoff, halfOpenProbes, probeTimeout, isFailure, isIgnored, isFailureResult, countAborts, initialState, clock.'],
    [{ window: 5 }, 'circuitBreaker.window', `Invalid option circuitBreaker.window: 5. Expected an object: { type: 'count', size } or { type: 'time', duration, buckets? }.`],
    [{ window: {} }, 'circuitBreaker.window.type', `Missing option circuitBreaker.window.type. Expected one of 'count', 'time'.`],
    [{ window: { type: 'sliding' } }, 'circuitBreaker.window.type', `Invalid option circuitBreaker.window.type: "sliding". Expected one of 'count', 'time'.`],
    [{ window: { type: 'count' } }, 'circuitBreaker.window.size', 'Missing option circuitBreaker.window.size. Expected an integer from 1 to 1000000.'],
    [{ window: { type: 'count', size: 0 } }, 'circuitBreaker.window.size', 'Invalid option circuitBreaker.window.size: 0. Expected an integer from 1 to 1000000.'],
    [{ window: { type: 'count', size: 10, duration: 5 } }, 'circuitBreaker.window.duration', 'Unknown option circuitBreaker.window.duration. Known options: type, size.'],
    [{ window: { type: 'time' } }, 'circuitBreaker.window.duration', `Missing option circuitBreaker.window.duration. Expected a finite duration, at least 1 ms: ${FORMS}.`],
    [{ window: { type: 'time', duration: 0 } }, 'circuitBreaker.window.duration', `Invalid option circuitBreaker.window.duration: 0. Expected a finite duration, at least 1 ms: ${FORMS}.`],
    [{ window: { type: 'time', duration: '10s', buckets: 0 } }, 'circuitBreaker.window.buckets', 'Invalid option circuitBreaker.window.buckets: 0. Expected an integer from 1 to 1000.'],
    [{ window: { type: 'time', duration: '10s', buckets: 1001 } }, 'circuitBreaker.window.buckets', 'Invalid option circuitBreaker.window.buckets: 1001. Expected an integer from 1 to 1000.'],
    [{ window: { type: 'count', size: 10 }, minimumCalls: 11 }, 'circuitBreaker.minimumCalls', 'Invalid option circuitBreaker.minimumCalls: 11. Expected an integer from 1 to 10 (circuitBreaker.window.size), as a count window never holds more calls than its size.'],
    [{ openBackoff: 2 }, 'circuitBreaker.openBackoff', 'Invalid option circuitBreaker.openBackoff: 2. Expected an object: { multiplier?, max? }.'],
    [{ openBackoff: { multiplier: 0.5 } }, 'circuitBreaker.openBackoff.multiplier', 'Invalid option circuitBreaker.openBackoff.multiplier: 0.5. Expected a finite number of at least 1.'],
    [{ openBackoff: { max: '1s' } }, 'circuitBreaker.openBackoff.max', 'Invalid option circuitBreaker.openBackoff.max: "1s". Expected a duration of at least circuitBreaker.openDuration (30000 ms).'],
    [{ openBackoff: { maximum: '1s' } }, 'circuitBreaker.openBackoff.maximum', 'Unknown option circuitBreaker.openBackoff.maximum. Known options: multiplier, max.'],
    [{ initialState: 'OPEN' }, 'circuitBreaker.initialState', `Invalid option circuitBreaker.initialState: "OPEN". Expected a snapshot returned by toJSON(), e.g. { state: 'OPEN', remainingOpenMs: 5000 }.`],
    [{ initialState: {} }, 'circuitBreaker.initialState.state', `Missing option circuitBreaker.initialState.state. Expected one of 'CLOSED', 'OPEN', 'HALF_OPEN', 'ISOLATED', 'DISABLED'.`],
    [{ initialState: { state: 'open' } }, 'circuitBreaker.initialState.state', `Invalid option circuitBreaker.initialState.state: "open". Expected one of 'CLOSED', 'OPEN', 'HALF_OPEN', 'ISOLATED', 'DISABLED'.`],
    [{ initialState: { state: 'OPEN', remainingOpenMs: -1 } }, 'circuitBreaker.initialState.remainingOpenMs', `Invalid option circuitBreaker.initialState.remainingOpenMs: -1. Expected a finite duration, zero or more: ${FORMS}.`],
    [{ initialState: { state: 'OPEN', version: 2 } }, 'circuitBreaker.initialState.version', 'Invalid option circuitBreaker.initialState.version: 2. Expected 1.'],
    [{ initialState: { state: 'OPEN', openings: 1.5 } }, 'circuitBreaker.initialState.openings', 'Invalid option circuitBreaker.initialState.openings: 1.5. Expected an integer 0 or more.'],
    [{ initialState: { state: 'OPEN', until: 5 } }, 'circuitBreaker.initialState.until', 'Unknown option circuitBreaker.initialState.until. Known options: version, state, openings, consecutiveFailures, remainingOpenMs.'],
  ];

  it.each(cases)('rejects %j naming %s', (options, option, message) => {
    const error = rejectionOf(options);
    expect(isInvalidOptionError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'BULWARK_INVALID_OPTION', option, message });
  });

  it.each(['nope', null])('rejects %j as the whole options object', (options) => {
    expect(rejectionOf(options)).toMatchObject({
      option: 'circuitBreaker',
      message: `Invalid options for circuitBreaker: ${JSON.stringify(options)}. Expected an object of options, or nothing for the defaults.`,
    });
  });

  it.each([
    ['openDuration', Infinity],
    ['slowCallDuration', Number.NaN],
  ])('rejects a non-finite %s', (name, value) => {
    const error = rejectionOf({ [name]: value });
    expect(error).toMatchObject({ option: `circuitBreaker.${name}`, value });
    expect((error as Error).message).toMatch(new RegExp(`^Invalid option circuitBreaker\\.${name}: .+\\. Expected a finite duration, zero or more`));
  });

  it('accepts every option at its documented bounds', () => {
    const all: Required<CircuitBreakerOptions> = {
      name: 'bounds',
      consecutiveFailures: 1,
      window: { type: 'time', duration: 1, buckets: 1000 },
      failureRateThreshold: 1,
      slowCallDuration: 0,
      slowCallRateThreshold: 0.001,
      minimumCalls: 1,
      tripWhen: () => false,
      costOf: () => 1,
      openDuration: 0,
      openBackoff: { multiplier: 1, max: 0 },
      halfOpenProbes: 1,
      probeTimeout: 1,
      isFailure: () => true,
      isIgnored: () => false,
      isFailureResult: () => false,
      countAborts: true,
      initialState: { version: 1, state: 'CLOSED', openings: 0, consecutiveFailures: 0, remainingOpenMs: 0 },
      clock: { now: () => 0 },
    };
    expect(circuitBreaker(all).name).toBe('bounds');
    expect(circuitBreaker({ window: { type: 'count', size: 1_000_000 }, minimumCalls: 1_000_000 }).state).toBe('CLOSED');
    expect(circuitBreaker().name).toBe('circuit');
    expect(circuitBreaker({ name: undefined, window: undefined }).counts()).toEqual({ calls: 0, failures: 0, slowCalls: 0, cost: 0 });
  });
});
