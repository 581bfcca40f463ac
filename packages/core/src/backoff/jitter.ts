/**
 * How a backoff delay `d` is randomised so that clients that failed together do not retry
 * together: `none` keeps `d`; `full` draws from `[0, d]`; `equal` from `[d/2, d]`; `decorrelated`
 * from `[delay, 3 × previous wait]`, capped at `maxDelay`, ignoring `d`.
 */
export type JitterKind = 'none' | 'full' | 'equal' | 'decorrelated';

/** Every jitter kind, in the order error messages list them. */
export const JITTER_KINDS: readonly JitterKind[] = ['none', 'full', 'equal', 'decorrelated'];

/** What a jitter reads besides the backoff delay; a retry policy's settings satisfy it. */
export interface JitterParams {
  /** The base delay in milliseconds (decorrelated jitter's lower bound). */
  readonly delayMs: number;
  /** The cap on any wait in milliseconds. */
  readonly maxDelayMs: number;
  /** Uniform in `[0, 1)`, like `Math.random`. */
  readonly random: () => number;
}

/**
 * Randomises a backoff delay.
 *
 * @param backoffMs the un-jittered delay, already capped at `maxDelayMs`
 * @param previousWaitMs the wait before the previous attempt (`delayMs` before the first retry)
 * @param params the base delay, the cap and the random source
 * @returns the wait in milliseconds, within `[0, maxDelayMs]`
 */
export type JitterFunction = (backoffMs: number, previousWaitMs: number, params: JitterParams) => number;

/**
 * `none`: the backoff delay unchanged, for callers that want predictable waits.
 *
 * @param backoffMs the un-jittered delay
 * @returns `backoffMs`
 * @example
 * noJitter(400); // 400
 */
export function noJitter(backoffMs: number): number {
  return backoffMs;
}

/**
 * `full`: uniform in `[0, d]`, the widest spread and the lowest mean load.
 *
 * @param backoffMs the un-jittered delay `d`
 * @param _previousWaitMs unused
 * @param params the random source
 * @returns a wait in `[0, d]`
 * @example
 * fullJitter(400, 0, { delayMs: 100, maxDelayMs: 30_000, random: () => 0.5 }); // 200
 */
export function fullJitter(backoffMs: number, _previousWaitMs: number, params: JitterParams): number {
  return params.random() * backoffMs;
}

/**
 * `equal`: `d/2 + U[0, d/2]`, so a retry never comes sooner than half the backoff.
 *
 * @param backoffMs the un-jittered delay `d`
 * @param _previousWaitMs unused
 * @param params the random source
 * @returns a wait in `[d/2, d]`
 * @example
 * equalJitter(400, 0, { delayMs: 100, maxDelayMs: 30_000, random: () => 0.5 }); // 300
 */
export function equalJitter(backoffMs: number, _previousWaitMs: number, params: JitterParams): number {
  const half = backoffMs / 2;
  return half + params.random() * half;
}

/**
 * `decorrelated`: `min(maxDelay, U[delay, 3 × previousWait])`; each wait grows from the last one
 * rather than from the retry number, which spreads clients apart faster.
 *
 * @param _backoffMs unused: this jitter replaces the backoff
 * @param previousWaitMs the previous wait (`delay` before the first retry)
 * @param params the base delay, the cap and the random source
 * @returns a wait in `[delay, maxDelay]`
 * @example
 * decorrelatedJitter(0, 100, { delayMs: 100, maxDelayMs: 30_000, random: () => 0.5 }); // 200
 */
export function decorrelatedJitter(_backoffMs: number, previousWaitMs: number, params: JitterParams): number {
  // A previous wait shorter than delay / 3 (a small Retry-After hint) would invert the range.
  const upper = Math.max(params.delayMs, 3 * previousWaitMs);
  return Math.min(params.maxDelayMs, params.delayMs + params.random() * (upper - params.delayMs));
}

/**
 * The jitter function of each kind, chosen once when a policy is built.
 *
 * @example
 * JITTERS.equal(200, 100, { delayMs: 100, maxDelayMs: 30_000, random: Math.random }); // 100..200
 */
export const JITTERS: Readonly<Record<JitterKind, JitterFunction>> = {
  none: noJitter,
  full: fullJitter,
  equal: equalJitter,
  decorrelated: decorrelatedJitter,
};
