import { InvalidationBus, type Disposable, type FailOpenCacheStore, type InvalidationMessage } from '@bulwark/core';

/**
 * @internal An invalidation bus whose `publish` never throws: it runs under the tier's L2 time
 * limit and breaker (skipped at once while Redis is known to be down) and reports failures
 * instead. Safe because an instance whose subscriber missed messages resynchronises when it
 * reconnects, and `l1Ttl` bounds the rest.
 */
export class FailOpenInvalidationBus extends InvalidationBus {
  constructor(
    private readonly inner: InvalidationBus,
    private readonly l2: FailOpenCacheStore,
    private readonly report: (error: unknown) => void,
  ) {
    super();
  }

  /** @param message the invalidation to broadcast, if Redis answers */
  async publish(message: InvalidationMessage): Promise<void> {
    try {
      await this.l2.execute(() => this.inner.publish(message));
    } catch (error) {
      this.report(error);
    }
  }

  /** @param listener called for every message */
  subscribe(listener: (message: InvalidationMessage) => void): Disposable {
    return this.inner.subscribe(listener);
  }
}
