/** Settings the command line passes to a suite. */
export interface SuiteOptions {
  /** Samples per candidate; fewer is faster and noisier. */
  readonly samples?: number;
  /** Awaited calls per sample. */
  readonly batch?: number;
}

/** What a suite reports: one flat JSON object, printed as the last line of stdout. */
export type SuiteResult = { readonly suite: string } & Record<string, unknown>;

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
