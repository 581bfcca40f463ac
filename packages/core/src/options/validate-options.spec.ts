import { describe, expect, it } from 'vitest';
import { isInvalidOptionError } from '../errors/invalid-option.error.js';
import { callback, duration, flag, fraction, integer, number, oneOf, text } from './option.rules.js';
import { validateOptions } from './validate-options.js';

const rules = {
  openDuration: duration(),
  minimumCalls: integer(1),
  probes: integer(1, 10),
  multiplier: number(1),
  factor: number(0, { exclusive: true }),
  failureRateThreshold: fraction(),
  jitter: oneOf(['none', 'full']),
  isFailure: callback(),
  name: text(),
  countAborts: flag(),
};

const attempt = (options: object) => () => validateOptions('policy', options, rules);

describe('validateOptions', () => {
  it('converts what it accepts and leaves absent options undefined', () => {
    const fn = () => true;
    expect(validateOptions('policy', { openDuration: '2s', isFailure: fn, jitter: 'full' }, rules)).toEqual({
      openDuration: 2_000,
      isFailure: fn,
      jitter: 'full',
    });
    expect(validateOptions('policy', undefined, rules)).toEqual({});
  });

  it('skips options explicitly set to undefined, so spread configs keep their defaults', () => {
    expect(validateOptions('policy', { minimumCalls: undefined }, rules)).toEqual({});
  });

  it.each([
    [{ openDuration: -1 }, "Invalid option policy.openDuration: -1. Expected a finite duration, zero or more: milliseconds as a number, or a string such as '250ms', '10s', '5m' or '1h'."],
    [{ openDuration: Infinity }, 'Invalid option policy.openDuration: Infinity. Expected a finite duration'],
    [{ openDuration: '10 days' }, 'Invalid option policy.openDuration: "10 days".'],
    [{ minimumCalls: 0 }, 'Invalid option policy.minimumCalls: 0. Expected an integer 1 or more.'],
    [{ minimumCalls: 1.5 }, 'Invalid option policy.minimumCalls: 1.5. Expected an integer 1 or more.'],
    [{ probes: 11 }, 'Invalid option policy.probes: 11. Expected an integer from 1 to 10.'],
    [{ multiplier: 0.5 }, 'Invalid option policy.multiplier: 0.5. Expected a finite number of at least 1.'],
    [{ factor: 0 }, 'Invalid option policy.factor: 0. Expected a finite number greater than 0.'],
    [{ failureRateThreshold: 1.5 }, 'Invalid option policy.failureRateThreshold: 1.5. Expected a number greater than 0 and at most 1, e.g. 0.5 for 50 %.'],
    [{ failureRateThreshold: 0 }, 'Invalid option policy.failureRateThreshold: 0.'],
    [{ jitter: 'half' }, `Invalid option policy.jitter: "half". Expected one of 'none', 'full'.`],
    [{ isFailure: 'yes' }, 'Invalid option policy.isFailure: "yes". Expected a function.'],
    [{ name: '' }, 'Invalid option policy.name: "". Expected a non-empty string.'],
    [{ countAborts: 'true' }, 'Invalid option policy.countAborts: "true". Expected true or false.'],
  ])('refuses %j naming the option, the value and what is allowed', (options, message) => {
    expect(attempt(options)).toThrow(message);
  });

  it('refuses an unknown option and suggests the likely one', () => {
    expect(attempt({ minimumCall: 3 })).toThrow(
      'Unknown option policy.minimumCall. Did you mean "minimumCalls"? Known options: openDuration, minimumCalls,',
    );
  });

  it.each(['toString', 'constructor', 'hasOwnProperty'])('refuses %s as an unknown option rather than reading it off Object.prototype', (name) => {
    expect(attempt({ [name]: 1 })).toThrow(`Unknown option policy.${name}.`);
  });

  it('lists the known options without a guess when nothing is close', () => {
    expect(attempt({ colour: 'red' })).toThrow(/^Unknown option policy\.colour\. Known options: openDuration/);
  });

  it('refuses options that are not an object', () => {
    expect(() => validateOptions('policy', 5 as unknown as object, rules)).toThrow(
      'Invalid options for policy: 5. Expected an object of options, or nothing for the defaults.',
    );
  });

  it('throws an InvalidOptionError carrying the option path and the value', () => {
    try {
      attempt({ probes: 99 })();
      expect.unreachable();
    } catch (error) {
      expect(isInvalidOptionError(error)).toBe(true);
      expect(error).toMatchObject({ code: 'BULWARK_INVALID_OPTION', option: 'policy.probes', value: 99 });
    }
  });
});
