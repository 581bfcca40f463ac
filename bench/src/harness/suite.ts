/** Settings the command line passes to a suite. */
export interface SuiteOptions {
  /** Samples per candidate; fewer is faster and noisier. */
  readonly samples?: number;
  /** Awaited calls per sample. */
  readonly batch?: number;
  /**
   * A run only to prove the suite still works (CI, the smoke test): very few samples, small
   * batches, short phases. Never for timing, and its results are not saved.
   */
  readonly tiny?: boolean;
}

/**
 * What `--tiny` sets unless `--samples` or `--batch` is given: enough to run every code path once.
 *
 * @example
 * await coreSuite.run(TINY_OPTIONS);
 */
export const TINY_OPTIONS: SuiteOptions = { samples: 2, batch: 200, tiny: true };

/**
 * What a suite reports: one flat JSON object, printed as the last line of stdout and saved in
 * `bench/results/<suite>.json`. An optional `details` property (e.g. a time series for a chart) is
 * saved in that file but left out of the printed line, to keep the line short.
 */
export type SuiteResult = { readonly suite: string; readonly details?: unknown } & Record<string, unknown>;

/**
 * A benchmark suite. It prints its own table to stdout and progress to stderr, and returns the
 * summary that `main` prints last, so scripts can read it with `tail -n 1`.
 */
export interface Suite {
  /**
   * Runs the suite.
   *
   * @param options samples and batch size from the command line
   * @returns the summary object
   */
  run(options: SuiteOptions): Promise<SuiteResult>;
}

/** A registry entry: the description is listed without loading the suite and its dependencies. */
export interface SuiteEntry {
  /** One line, shown when listing the suites. */
  readonly description: string;
  /** Loads the suite's module on demand. */
  readonly load: () => Promise<Suite>;
}
