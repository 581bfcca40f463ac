import { summarize, type Summary } from './stats.js';

/** One thing to time: an operation whose promise is awaited `batch` times per sample. */
export interface Candidate {
  /** Unique within a run; the table row and the key of the result. */
  readonly name: string;
  /** The awaited operation. It must resolve: an operation that should fail catches its own error. */
  readonly op: () => PromiseLike<unknown>;
}

/** How long and how often to measure. */
export interface MeasureOptions {
  /** Awaited calls per sample. @default 20_000 */
  readonly batch?: number;
  /** Samples per candidate, taken in interleaved rounds. @default 30 */
  readonly samples?: number;
  /** Unmeasured rounds first, so every candidate runs optimized code. @default 5 */
  readonly warmupRounds?: number;
  /** Called after each round, e.g. to show progress on stderr. */
  readonly onRound?: (round: number, rounds: number) => void;
}

/** A candidate's measured cost. */
export interface Measurement {
  readonly name: string;
  /** Nanoseconds per awaited call. */
  readonly ns: Summary;
}

type BatchLoop = (op: () => PromiseLike<unknown>, n: number) => Promise<void>;

const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => BatchLoop;

/**
 * Compiles a fresh copy of the timing loop. A loop shared by every candidate would see a
 * different `op` each batch and go megamorphic, charging all candidates for the mix; one copy per
 * candidate keeps each call site monomorphic, as it is in an application.
 */
function compileLoop(): BatchLoop {
  return new AsyncFunction('op', 'n', 'for (let i = 0; i < n; i++) await op();');
}

/** Runs a full collection if the process was started with `--expose-gc`. */
function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/**
 * Times candidates side by side: each round runs one batch of every candidate, starting from a
 * different candidate each round, so machine drift (thermal, frequency, neighbours) and the
 * garbage one candidate leaves behind hit every candidate alike.
 *
 * @param candidates the operations to compare, e.g. a raw call and the same call under policies
 * @param options batch size, sample count and warm-up
 * @returns one measurement per candidate, in the order given
 * @throws whatever a candidate's operation throws or rejects with
 * @example
 * const [raw] = await measure([{ name: 'raw', op: fn }], { samples: 10 });
 * console.log(raw.ns.median);
 */
export async function measure(candidates: readonly Candidate[], options: MeasureOptions = {}): Promise<Measurement[]> {
  const { batch = 20_000, samples = 30, warmupRounds = 5, onRound } = options;
  const loops = candidates.map(compileLoop);
  const times: number[][] = candidates.map(() => []);
  const rounds = warmupRounds + samples;
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < candidates.length; k++) {
      const i = (round + k) % candidates.length;
      collectGarbage();
      const start = process.hrtime.bigint();
      await loops[i](candidates[i].op, batch);
      const elapsed = Number(process.hrtime.bigint() - start);
      if (round >= warmupRounds) times[i].push(elapsed / batch);
    }
    onRound?.(round + 1, rounds);
  }
  return candidates.map((candidate, i) => ({ name: candidate.name, ns: summarize(times[i]) }));
}
