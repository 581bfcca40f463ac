import type { Candidate, Measurement } from './measure.js';
import { summarize } from './stats.js';

/** How long and how often to time single calls. */
export interface LatencyOptions {
  /** Calls timed one by one per candidate per round. @default 200 */
  readonly calls?: number;
  /** Rounds; every round times `calls` calls of every candidate. @default 100 */
  readonly rounds?: number;
  /** Unmeasured rounds first, so every candidate runs optimized code. @default 5 */
  readonly warmupRounds?: number;
  /** Called after each round, e.g. to show progress on stderr. */
  readonly onRound?: (round: number, rounds: number) => void;
}

type TimedLoop = (op: () => PromiseLike<unknown>, n: number, out: number[]) => Promise<void>;

const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => TimedLoop;

/** One compiled copy per candidate, so each call site stays monomorphic (see `measure`). */
function compileTimedLoop(): TimedLoop {
  return new AsyncFunction(
    'op',
    'n',
    'out',
    'for (let i = 0; i < n; i++) { const start = process.hrtime.bigint(); await op(); out.push(Number(process.hrtime.bigint() - start)); }',
  );
}

/**
 * Times every call on its own, for operations that wait on I/O: the summary is the distribution
 * of single-call latencies, whose median a burst of load on the machine moves far less than it
 * moves the mean of a batch. Candidates are interleaved round-robin, as in `measure`. Each call
 * also pays two `process.hrtime.bigint()` readings (well under a microsecond), alike for all.
 *
 * @param candidates the operations to compare, e.g. a raw Redis GET and a cache hit
 * @param options calls per round, rounds and warm-up
 * @returns one measurement per candidate, in the order given: ns per call
 * @throws whatever a candidate's operation throws or rejects with
 * @example
 * const [get] = await measureLatency([{ name: 'GET', op: () => redis.get('k') }], { rounds: 20 });
 * console.log(get.ns.median);
 */
export async function measureLatency(candidates: readonly Candidate[], options: LatencyOptions = {}): Promise<Measurement[]> {
  const { calls = 200, rounds = 100, warmupRounds = 5, onRound } = options;
  const loops = candidates.map(compileTimedLoop);
  const times: number[][] = candidates.map(() => []);
  const scratch: number[] = [];
  const total = warmupRounds + rounds;
  for (let round = 0; round < total; round++) {
    for (let k = 0; k < candidates.length; k++) {
      const i = (round + k) % candidates.length;
      (globalThis as { gc?: () => void }).gc?.();
      scratch.length = 0;
      await loops[i](candidates[i].op, calls, scratch);
      if (round >= warmupRounds) times[i].push(...scratch);
    }
    onRound?.(round + 1, total);
  }
  return candidates.map((candidate, i) => ({ name: candidate.name, ns: summarize(times[i]) }));
}
