import { CircuitState, DistributedSingleFlight, type CircuitBreakerPolicy, type DistributedSingleFlightOptions } from '@bulwark/core';

/**
 * @internal Skips cross-instance coordination while the tier's breaker says Redis is down or has
 * failed recently: the caller computes at once instead of waiting for a lock it cannot get, or for
 * a value that may never land.
 */
export class BreakerAwareSingleFlight extends DistributedSingleFlight {
  constructor(
    private readonly inner: DistributedSingleFlight,
    private readonly breaker: CircuitBreakerPolicy,
  ) {
    super();
  }

  /** @inheritDoc */
  run<T>(key: string, compute: () => Promise<T>, read: () => Promise<T | undefined>, options: DistributedSingleFlightOptions): Promise<T> {
    const state = this.breaker.state;
    if (state === CircuitState.Open || state === CircuitState.Isolated) return compute();
    // Recent Redis failures mean a holder's value may never land (its write or its release was
    // lost), and waiters would sit out the whole maxWait: compute here until Redis is clean again.
    if (this.breaker.counts().failures > 0) return compute();
    return this.inner.run(key, compute, read, options);
  }
}
