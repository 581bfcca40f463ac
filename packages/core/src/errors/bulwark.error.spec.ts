import { describe, expect, it } from 'vitest';
import { BrokenCircuitError, isBrokenCircuitError } from './broken-circuit.error.js';
import { isBulwarkError } from './bulwark.error.js';
import { TimeoutError, isTimeoutError } from './timeout.error.js';

describe('Bulwark errors', () => {
  it('carry a stable code, their class name and context', () => {
    const error = new BrokenCircuitError('inventory', 'OPEN', 1_250.4);
    expect(error).toMatchObject({ code: 'BULWARK_BROKEN_CIRCUIT', name: 'BrokenCircuitError', circuitName: 'inventory', state: 'OPEN', retryAfterMs: 1_250.4 });
    expect(error.message).toBe(
      'Circuit "inventory" is OPEN: the call was refused without reaching the dependency. Retry in 1251 ms, or serve a fallback.',
    );
  });

  it('explain how to leave ISOLATED', () => {
    expect(new BrokenCircuitError('payments', 'ISOLATED', 0).message).toContain('until someone calls reset()');
  });

  it('are recognised by guards, also when created by another copy of the package', () => {
    const foreign = Object.assign(Object.create({ [Symbol.for('bulwark.error')]: true }), { code: 'BULWARK_TIMEOUT' });
    expect(isTimeoutError(foreign)).toBe(true);
    expect(isTimeoutError(new TimeoutError(10))).toBe(true);
    expect(isBrokenCircuitError(new TimeoutError(10))).toBe(false);
    expect(isBulwarkError(new Error('plain'))).toBe(false);
    expect(isBulwarkError(undefined)).toBe(false);
  });

  it('skip stack capture on the fast-fail path and restore it afterwards', () => {
    const limit = Error.stackTraceLimit;
    const error = BrokenCircuitError.fastFail('inventory', 'OPEN', 10);
    expect(error.stack?.split('\n').filter((line) => line.trim().startsWith('at '))).toEqual([]);
    expect(Error.stackTraceLimit).toBe(limit);
    expect(new TimeoutError(5).stack).toMatch(/\n\s+at /);
  });
});
