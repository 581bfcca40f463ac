/**
 * Prints the demo's timeline: each line stamped with the seconds since the scenario began.
 *
 * @example
 * const timeline = new Timeline(console.log);
 * timeline.step('1. Normal traffic');
 * timeline.note('10 lookups, 1 reached the inventory');
 */
export class Timeline {
  private readonly started = performance.now();

  /** @param print where lines go */
  constructor(private readonly print: (line: string) => void) {}

  /** @returns the milliseconds since the timeline began */
  get elapsedMs(): number {
    return performance.now() - this.started;
  }

  /** @param title a step's title, printed after a blank line */
  step(title: string): void {
    this.print('');
    this.print(`${this.stamp()} ${title}`);
  }

  /** @param text what happened, indented under the step */
  note(text: string): void {
    this.print(`${this.stamp()}    ${text}`);
  }

  private stamp(): string {
    return `[${(this.elapsedMs / 1_000).toFixed(1).padStart(5)}s]`;
  }
}
