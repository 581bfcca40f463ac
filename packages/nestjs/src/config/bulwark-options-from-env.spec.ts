import { afterEach, describe, expect, it, vi } from 'vitest';
import { resolveBulwarkOptions } from '../options/resolve-bulwark-options.js';
import { bulwarkOptionsFromEnv } from './bulwark-options-from-env.js';

describe('bulwarkOptionsFromEnv', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('nests on __ and turns SCREAMING_SNAKE segments into camelCase option names', () => {
    expect(
      bulwarkOptionsFromEnv({
        BULWARK__CIRCUIT_BREAKERS__INVENTORY__FAILURE_RATE_THRESHOLD: '0.5',
        BULWARK__CIRCUIT_BREAKERS__INVENTORY__OPEN_DURATION: '30s',
        BULWARK__CIRCUIT_BREAKERS__INVENTORY__WINDOW__TYPE: 'time',
        BULWARK__DEFAULTS__RETRY__MAX_ATTEMPTS: '5',
        BULWARK__DEFAULTS__TIMEOUT: '2s',
        BULWARK__HEALTH__OPEN_CIRCUIT: 'degraded',
        BULWARK__LOGGING: 'false',
      }),
    ).toEqual({
      circuitBreakers: { inventory: { failureRateThreshold: 0.5, openDuration: '30s', window: { type: 'time' } } },
      defaults: { retry: { maxAttempts: 5 }, timeout: '2s' },
      health: { openCircuit: 'degraded' },
      logging: false,
    });
  });

  it('produces options BulwarkModule accepts', () => {
    const options = bulwarkOptionsFromEnv({
      BULWARK__CIRCUIT_BREAKERS__INVENTORY__CONSECUTIVE_FAILURES: '5',
      BULWARK__CIRCUIT_BREAKERS__INVENTORY__OPEN_DURATION: '30s',
      BULWARK__DEFAULTS__RETRY__MAX_ATTEMPTS: '5',
      BULWARK__TIMEOUTS__INVENTORY: '2s',
      BULWARK__HEALTH__OPEN_CIRCUIT: 'degraded',
      BULWARK__LOGGING: 'false',
    });

    const resolved = resolveBulwarkOptions(options);

    expect(resolved).toMatchObject({ health: { openCircuit: 'degraded' }, logging: false, timeouts: { inventory: 2_000 } });
  });

  it('only lower-cases policy names, under circuitBreakers, retries and timeouts', () => {
    expect(
      bulwarkOptionsFromEnv({
        BULWARK__CIRCUIT_BREAKERS__PAYMENT_GATEWAY__CONSECUTIVE_FAILURES: '3',
        BULWARK__RETRIES__PAYMENT_GATEWAY__MAX_ATTEMPTS: '2',
        BULWARK__TIMEOUTS__PAYMENT_GATEWAY: '1500',
      }),
    ).toEqual({
      circuitBreakers: { payment_gateway: { consecutiveFailures: 3 } },
      retries: { payment_gateway: { maxAttempts: 2 } },
      timeouts: { payment_gateway: 1500 },
    });
  });

  it.each([
    ['42', 42],
    ['-7', -7],
    ['0.25', 0.25],
    ['.5', 0.5],
    ['true', true],
    ['FALSE', false],
    ['30s', '30s'],
    ['1e3', '1e3'],
    ['0x10', '0x10'],
    ['', ''],
    [' 5', ' 5'],
  ])('converts %j to %j', (raw, value) => {
    expect(bulwarkOptionsFromEnv({ BULWARK__DEFAULTS__RETRY__DELAY: raw })).toEqual({ defaults: { retry: { delay: value } } });
  });

  it('ignores other variables and reads a custom prefix', () => {
    expect(bulwarkOptionsFromEnv({ PATH: '/usr/bin', BULWARK_LOGGING: 'true', SHOP__LOGGING: 'true' }, 'SHOP__')).toEqual({ logging: true });
    expect(bulwarkOptionsFromEnv({ PATH: '/usr/bin' })).toEqual({});
  });

  it('reads process.env by default', () => {
    vi.stubEnv('BULWARK__HEALTH__OPEN_CIRCUIT', 'degraded');
    expect(bulwarkOptionsFromEnv()).toMatchObject({ health: { openCircuit: 'degraded' } });
  });

  it.each(['BULWARK__', 'BULWARK__HEALTH____OPEN_CIRCUIT', 'BULWARK__HEALTH__', 'BULWARK__HEALTH___OPEN_CIRCUIT', 'BULWARK__HEALTH__OPEN-CIRCUIT'])(
    'refuses the empty or malformed segment in %s',
    (variable) => {
      expect(() => bulwarkOptionsFromEnv({ [variable]: 'degraded' })).toThrow(
        `Environment variable ${variable} has an empty or malformed name segment. After the prefix BULWARK__, names are ` +
          'segments of letters and digits, words joined by a single _, segments joined by __, ' +
          'e.g. BULWARK__CIRCUIT_BREAKERS__INVENTORY__FAILURE_RATE_THRESHOLD.',
      );
    },
  );

  it('refuses a variable that sets a value where another sets nested options, naming both', () => {
    const message =
      'Environment variables BULWARK__HEALTH__OPEN_CIRCUIT and BULWARK__HEALTH conflict: health cannot both be a value and hold nested options. Remove one of them.';
    expect(() => bulwarkOptionsFromEnv({ BULWARK__HEALTH: 'down', BULWARK__HEALTH__OPEN_CIRCUIT: 'degraded' })).toThrow(message);
    expect(() => bulwarkOptionsFromEnv({ BULWARK__HEALTH__OPEN_CIRCUIT: 'degraded', BULWARK__HEALTH: 'down' })).toThrow(message);
    expect(() =>
      bulwarkOptionsFromEnv({ BULWARK__CIRCUIT_BREAKERS__INVENTORY: '1', BULWARK__CIRCUIT_BREAKERS__INVENTORY__WINDOW__SIZE: '10' }),
    ).toThrow('Environment variables BULWARK__CIRCUIT_BREAKERS__INVENTORY__WINDOW__SIZE and BULWARK__CIRCUIT_BREAKERS__INVENTORY conflict: circuitBreakers.inventory cannot both be');
  });

  it('refuses two spellings of one option', () => {
    expect(() => bulwarkOptionsFromEnv({ BULWARK__LOGGING: 'true', BULWARK__logging: 'false' })).toThrow(
      'Environment variables BULWARK__logging and BULWARK__LOGGING both set logging. Remove one of them.',
    );
  });
});
