import type { Event } from './event.js';

/**
 * Fans an event out to its listeners. Core code emits events and never logs; the Nest layer
 * routes them to `Logger` and metrics.
 *
 * @example
 * const changed = new EventEmitter<string>();
 * changed.event((state) => console.log(state));
 * changed.emit('OPEN');
 */
export class EventEmitter<T> {
  private listeners: Array<(data: T) => void> = [];

  /** Subscribes a listener; the returned handle unsubscribes it. */
  readonly event: Event<T> = (listener) => {
    // Copy on write, so a listener that unsubscribes during emit does not skip its neighbour.
    this.listeners = [...this.listeners, listener];
    let disposed = false;
    return {
      dispose: () => {
        if (disposed) return;
        disposed = true;
        this.listeners = this.listeners.filter((l) => l !== listener);
      },
    };
  };

  /** @returns whether anyone listens, so callers can skip building an event payload */
  get hasListeners(): boolean {
    return this.listeners.length > 0;
  }

  /**
   * Calls every listener with `data`. A throwing listener does not stop the others or the
   * policy: its error is rethrown asynchronously, where the process's handlers see it.
   */
  emit(data: T): void {
    for (const listener of this.listeners) {
      try {
        listener(data);
      } catch (error) {
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }
}
