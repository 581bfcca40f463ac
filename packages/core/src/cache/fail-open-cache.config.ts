import type { CircuitBreakerOptions } from '../circuit-breaker/circuit-breaker.options.js';
import { messages } from '../errors/bulwark.messages.js';
import { InvalidOptionError } from '../errors/invalid-option.error.js';
import { toMilliseconds } from '../options/duration.js';
import { INVALID, custom, duration } from '../options/option.rules.js';
import { validateOptions } from '../options/validate-options.js';
import { storeRule } from './cache.rules.js';
import { FAIL_OPEN_CACHE_DEFAULTS, type FailOpenCacheStoreOptions } from './fail-open-cache.options.js';

/** @internal `FailOpenCacheStore`'s options validated and merged with the defaults. */
export interface FailOpenCacheSettings {
  /** `undefined` when the inner store bounds its own commands. */
  readonly commandTimeoutMs: number | undefined;
  readonly breaker: CircuitBreakerOptions;
}

const PATH = 'failOpenCacheStore';
const commandDuration = duration({ min: 1 });
const RULES = {
  commandTimeout: custom<number | false>(`${commandDuration.expected}; or false when the store's client bounds every command itself`, (value) =>
    value === false ? false : commandDuration.parse(value),
  ),
  breaker: custom<CircuitBreakerOptions>('circuit breaker options, e.g. { consecutiveFailures: 5, openDuration: "5s" }', (value) =>
    typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as CircuitBreakerOptions) : INVALID,
  ),
};

/**
 * @internal Validates `FailOpenCacheStore`'s arguments, once (the breaker checks its own options).
 *
 * @throws InvalidOptionError naming the argument or option, the value and what is allowed
 */
export function resolveFailOpenCacheOptions(inner: unknown, options: FailOpenCacheStoreOptions | undefined): FailOpenCacheSettings {
  if (storeRule.parse(inner) === INVALID) throw new InvalidOptionError(`${PATH}.inner`, inner, messages.invalidOption(PATH, 'inner', inner, storeRule.expected));
  const given = validateOptions(PATH, options, RULES);
  return {
    commandTimeoutMs: given.commandTimeout === false ? undefined : (given.commandTimeout ?? (toMilliseconds(FAIL_OPEN_CACHE_DEFAULTS.commandTimeout) as number)),
    breaker: { ...FAIL_OPEN_CACHE_DEFAULTS.breaker, ...given.breaker },
  };
}
