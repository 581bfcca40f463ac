/** A handle that removes what it was returned for (a listener, an isolation). */
export interface Disposable {
  /** Removes the listener or releases the hold; calling it twice is harmless. */
  dispose(): void;
}

/**
 * Subscribes a listener to an event and returns a handle that unsubscribes it.
 *
 * @example
 * const subscription = breaker.onStateChange(({ from, to }) => log(`${from} -> ${to}`));
 * subscription.dispose();
 */
export type Event<T> = (listener: (data: T) => void) => Disposable;
