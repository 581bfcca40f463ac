/**
 * Prints the demo's story with a timestamp (milliseconds since start) on every line, so the
 * reader sees when retries wait and how fast an open circuit answers.
 *
 * @example
 * const say = new Narrator();
 * say.phase('The inventory service is healthy');
 * say.event('retry 1 in 37 ms');
 */
export class Narrator {
  private readonly start = performance.now();
  private phases = 0;

  /** @returns milliseconds since the narrator was created */
  elapsed(): number {
    return performance.now() - this.start;
  }

  /**
   * Starts a numbered chapter of the story.
   *
   * @param title what happens next, in plain words
   */
  phase(title: string): void {
    console.log(`\n${this.stamp()}  ${++this.phases}. ${title}`);
  }

  /**
   * Reports the outcome of one call made by the demo.
   *
   * @param text what the call returned or threw
   */
  call(text: string): void {
    console.log(`${this.stamp()}     ${text}`);
  }

  /**
   * Reports something a policy announced through its events.
   *
   * @param text the event, in plain words
   */
  event(text: string): void {
    console.log(`${this.stamp()}       · ${text}`);
  }

  /**
   * Prints a line without a timestamp (headers and the closing pointer).
   *
   * @param text the line
   */
  plain(text = ''): void {
    console.log(text);
  }

  private stamp(): string {
    return `${Math.round(this.elapsed()).toString().padStart(5)} ms`;
  }
}

/**
 * Formats a duration measured with `performance.now()` for the story.
 *
 * @param ms milliseconds, possibly fractional
 * @returns e.g. `'0.012 ms'` or `'57 ms'`
 */
export function formatMs(ms: number): string {
  return ms < 1 ? `${ms.toFixed(3)} ms` : `${Math.round(ms)} ms`;
}
