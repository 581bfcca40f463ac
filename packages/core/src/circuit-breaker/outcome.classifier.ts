import type { CallOutcome } from './circuit-breaker.options.js';

/** @internal How a breaker counts one outcome. */
export const Verdict = { Success: 0, Failure: 1, Neutral: 2 } as const;
/** @internal */
export type Verdict = (typeof Verdict)[keyof typeof Verdict];

/** @internal The classification options, already validated. */
export interface Classification {
  readonly isFailure?: (error: unknown) => boolean;
  readonly isIgnored?: (error: unknown) => boolean;
  readonly isFailureResult?: (result: unknown) => boolean;
  readonly countAborts: boolean;
}

/**
 * @internal Classifies a thrown value: aborted calls and ignored errors are neutral, failures are
 * what `isFailure` says (every error by default), and any other error counts as a success
 * because the dependency answered.
 */
export function classifyError(options: Classification, error: unknown, signal: AbortSignal | undefined): Verdict {
  if (!options.countAborts && ((signal !== undefined && signal.aborted) || isAbortError(error))) return Verdict.Neutral;
  if (options.isIgnored !== undefined && options.isIgnored(error)) return Verdict.Neutral;
  return options.isFailure === undefined || options.isFailure(error) ? Verdict.Failure : Verdict.Success;
}

/** @internal Classifies a returned value: a failure only when `isFailureResult` says so. */
export function classifyResult(options: Classification, result: unknown): Verdict {
  return options.isFailureResult !== undefined && options.isFailureResult(result) ? Verdict.Failure : Verdict.Success;
}

function isAbortError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError';
}

/** @internal What `costOf` says one call cost; a negative, NaN or infinite cost counts as 0. */
export function meteredCost(costOf: (outcome: CallOutcome) => number, ok: boolean, value: unknown, durationMs: number): number {
  const cost = costOf(ok ? { ok, result: value, durationMs } : { ok, error: value, durationMs });
  return cost >= 0 && cost < Infinity ? cost : 0;
}
