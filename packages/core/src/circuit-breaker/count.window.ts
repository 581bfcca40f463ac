import type { OutcomeWindow } from './outcome.window.js';

const FAILURE = 1;
const SLOW = 2;

/**
 * @internal The last `size` outcomes in a ring buffer of typed arrays, with running totals, so
 * recording and reading cost O(1) and allocate nothing.
 */
export class CountWindow implements OutcomeWindow {
  private readonly flags: Uint8Array;
  private readonly costs: Float64Array;
  private next = 0;
  calls = 0;
  failures = 0;
  slowCalls = 0;
  cost = 0;

  /** @param size how many outcomes the window holds */
  constructor(private readonly size: number) {
    this.flags = new Uint8Array(size);
    this.costs = new Float64Array(size);
  }

  record(_now: number, failure: boolean, slow: boolean, cost: number): void {
    const slot = this.next;
    if (this.calls === this.size) this.evict(slot);
    else this.calls++;
    const flags = (failure ? FAILURE : 0) | (slow ? SLOW : 0);
    this.flags[slot] = flags;
    this.costs[slot] = cost;
    this.failures += flags & FAILURE;
    this.slowCalls += flags >> 1;
    this.cost += cost;
    this.next = slot + 1 === this.size ? 0 : slot + 1;
  }

  advance(): void {
    // A count window does not age.
  }

  reset(): void {
    this.flags.fill(0);
    this.costs.fill(0);
    this.next = 0;
    this.calls = this.failures = this.slowCalls = this.cost = 0;
  }

  private evict(slot: number): void {
    const flags = this.flags[slot];
    this.failures -= flags & FAILURE;
    this.slowCalls -= flags >> 1;
    // Clamp: subtracting fractional costs may leave -1e-16 behind.
    this.cost = Math.max(0, this.cost - this.costs[slot]);
  }
}
