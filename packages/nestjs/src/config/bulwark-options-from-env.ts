import type { BulwarkModuleOptions } from '../options/bulwark-module.options.js';
import { configMessages } from './config.messages.js';

/** The option maps whose keys are policy names rather than option names. */
const POLICY_MAPS = new Set(['circuitBreakers', 'retries', 'timeouts']);
const SEGMENT = /^[A-Za-z0-9]+(?:_[A-Za-z0-9]+)*$/;
const NUMBER = /^-?(?:\d+|\d*\.\d+)$/;

type Tree = Record<string, unknown>;

/**
 * Builds `BulwarkModule` options from environment variables: `__` separates nesting levels and
 * each SCREAMING_SNAKE segment becomes a camelCase option name, except policy names (the level
 * under `circuitBreakers`, `retries` and `timeouts`), which are only lower-cased. Integers and
 * decimals become numbers, `true`/`false` (any case) booleans, anything else (such as '30s')
 * stays a string. Nothing is validated here: `BulwarkModule` validates the result.
 *
 * @param env the variables to read
 * @param prefix what the variables start with
 * @default env process.env
 * @default prefix 'BULWARK__'
 * @returns the options the variables describe, typed as `BulwarkModuleOptions` but unchecked until
 *   `BulwarkModule` validates them; `{}` when no variable matches
 * @throws Error naming the variable, for an empty or malformed segment, or for two variables
 *   that make one path both a value and an object of nested options
 * @example
 * bulwarkOptionsFromEnv({ BULWARK__CIRCUIT_BREAKERS__INVENTORY__FAILURE_RATE_THRESHOLD: '0.5' });
 * // { circuitBreakers: { inventory: { failureRateThreshold: 0.5 } } }
 */
export function bulwarkOptionsFromEnv(env: Record<string, string | undefined> = process.env, prefix = 'BULWARK__'): BulwarkModuleOptions {
  const options: Tree = {};
  const origins: Origins = { values: new Map(), objects: new Map() };
  const variables = Object.keys(env)
    .filter((name) => name.startsWith(prefix) && env[name] !== undefined)
    .sort();
  for (const variable of variables) {
    const path = optionPath(variable, prefix);
    claim(variable, path, origins);
    setAt(options, path, convert(env[variable]!));
  }
  return options;
}

function optionPath(variable: string, prefix: string): string[] {
  const segments = variable.slice(prefix.length).split('__');
  return segments.map((segment, depth) => {
    if (!SEGMENT.test(segment)) throw new Error(configMessages.badSegment(variable, prefix));
    return depth === 1 && POLICY_MAPS.has(camelCase(segments[0])) ? segment.toLowerCase() : camelCase(segment);
  });
}

/** Which variable made each option path a value, and which first made it an object. */
interface Origins {
  readonly values: Map<string, string>;
  readonly objects: Map<string, string>;
}

function claim(variable: string, path: readonly string[], { values, objects }: Origins): void {
  const leaf = path.join('.');
  const setTwice = values.get(leaf);
  if (setTwice !== undefined) throw new Error(configMessages.setTwice(variable, setTwice, leaf));
  const nestedUnder = objects.get(leaf);
  if (nestedUnder !== undefined) throw new Error(configMessages.valueAndNested(variable, nestedUnder, leaf));
  for (let depth = 1; depth < path.length; depth++) {
    const parent = path.slice(0, depth).join('.');
    const parentValue = values.get(parent);
    if (parentValue !== undefined) throw new Error(configMessages.valueAndNested(variable, parentValue, parent));
    if (!objects.has(parent)) objects.set(parent, variable);
  }
  values.set(leaf, variable);
}

function setAt(tree: Tree, path: readonly string[], value: unknown): void {
  let node = tree;
  for (const key of path.slice(0, -1)) {
    if (!Object.hasOwn(node, key)) node[key] = {};
    node = node[key] as Tree;
  }
  node[path[path.length - 1]] = value;
}

function camelCase(segment: string): string {
  return segment
    .toLowerCase()
    .split('_')
    .map((word, index) => (index === 0 ? word : word[0].toUpperCase() + word.slice(1)))
    .join('');
}

function convert(raw: string): unknown {
  if (NUMBER.test(raw)) return Number(raw);
  const lower = raw.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  return raw;
}
