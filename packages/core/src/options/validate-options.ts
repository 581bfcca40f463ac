import { InvalidOptionError } from '../errors/invalid-option.error.js';
import { messages } from '../errors/bulwark.messages.js';
import { INVALID, type OptionRule } from './option.rules.js';

/** The options a set of rules produces: each converted, `undefined` where not given. */
export type ValidatedOptions<R extends Record<string, OptionRule<unknown>>> = {
  [K in keyof R]: R[K] extends OptionRule<infer T> ? T | undefined : never;
};

/**
 * Checks an options object against rules, once, when a policy is built (never on the hot path).
 *
 * @param path where the options live, used in messages, e.g. `circuitBreaker` or `retry.budget`
 * @param options what the caller passed; `undefined` counts as `{}`
 * @param rules one rule per allowed option
 * @returns the converted values, `undefined` for options not given
 * @throws InvalidOptionError naming the option, the value and what is allowed, for an unknown
 *   option name or a value a rule rejects
 */
export function validateOptions<R extends Record<string, OptionRule<unknown>>>(
  path: string,
  options: object | undefined,
  rules: R,
): ValidatedOptions<R> {
  if (options !== undefined && (typeof options !== 'object' || options === null)) {
    throw new InvalidOptionError(path, options, messages.notAnObject(path, options));
  }
  const known = Object.keys(rules);
  const result: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(options ?? {})) {
    // Own properties only: `toString` or `constructor` must be refused as unknown, not read off Object.prototype.
    const optionRule = Object.hasOwn(rules, name) ? rules[name] : undefined;
    if (!optionRule) {
      throw new InvalidOptionError(`${path}.${name}`, value, messages.unknownOption(path, name, closest(name, known), known));
    }
    if (value === undefined) continue;
    const parsed = optionRule.parse(value);
    if (parsed === INVALID) {
      throw new InvalidOptionError(`${path}.${name}`, value, messages.invalidOption(path, name, value, optionRule.expected));
    }
    result[name] = parsed;
  }
  return result as ValidatedOptions<R>;
}

/** The known name nearest to a misspelt one, if it is near enough to be a likely typo. */
function closest(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(name.length / 3)) + 1;
  for (const candidate of known) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
