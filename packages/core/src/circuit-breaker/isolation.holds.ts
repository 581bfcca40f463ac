import type { Disposable } from '../events/event.js';

/**
 * @internal The holds `isolate()` has handed out. The circuit stays ISOLATED until the last one
 * is disposed; `drop()` forgets them all, so handles from before a `reset()` release nothing.
 */
export class IsolationHolds {
  private holds = 0;
  private epoch = 0;

  /**
   * @param onLastRelease called when the last current hold is disposed
   * @returns a handle; disposing it twice is harmless
   */
  take(onLastRelease: () => void): Disposable {
    this.holds++;
    const epoch = this.epoch;
    let released = false;
    return {
      dispose: () => {
        if (released || epoch !== this.epoch) return;
        released = true;
        if (--this.holds === 0) onLastRelease();
      },
    };
  }

  /** Forgets every hold. */
  drop(): void {
    this.holds = 0;
    this.epoch++;
  }
}
