/**
 * Whether this run was asked to run longer: `npm run test:chaos -- --long`, or `CHAOS_LONG=1`.
 * CI runs the short profile, which keeps every scenario to about a minute or less.
 */
export const CHAOS_LONG = process.env.CHAOS_LONG === '1';

/**
 * Picks a duration by profile.
 *
 * @param ciMs the duration of the short (CI) profile
 * @param longMs the duration with `--long`
 * @returns the duration for this run, in milliseconds
 * @example
 * const nemesisMs = chaosDuration(60_000, 600_000);
 */
export function chaosDuration(ciMs: number, longMs: number): number {
  return CHAOS_LONG ? longMs : ciMs;
}
