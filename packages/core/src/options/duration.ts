/**
 * A length of time: milliseconds as a number, or a string with a unit, so values read from
 * environment variables or config files need no conversion.
 *
 * @example
 * const openDuration: Duration = '30s'; // same as 30_000
 */
export type Duration = number | `${number}ms` | `${number}s` | `${number}m` | `${number}h`;

const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };
const DURATION_PATTERN = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/;

/** How a duration may be written, for error messages. */
export const DURATION_FORMS = "milliseconds as a number, or a string such as '250ms', '10s', '5m' or '1h'";

/**
 * Converts a duration to milliseconds.
 *
 * @param value a number of milliseconds, or a numeric string with an optional unit (ms, s, m, h)
 * @returns milliseconds, or `undefined` when the value is not a duration (negative, NaN, malformed)
 * @example
 * toMilliseconds('1.5s'); // 1500
 */
export function toMilliseconds(value: unknown): number | undefined {
  if (typeof value === 'number') return value >= 0 && !Number.isNaN(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const match = DURATION_PATTERN.exec(value);
  if (!match) return undefined;
  return Number(match[1]) * UNIT_MS[match[2] ?? 'ms'];
}
