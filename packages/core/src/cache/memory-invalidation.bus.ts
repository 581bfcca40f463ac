import type { Disposable } from '../events/event.js';
import { EventEmitter } from '../events/event-emitter.js';
import { InvalidationBus, type InvalidationMessage } from './invalidation.bus.js';

/**
 * An invalidation bus inside one process: every subscriber receives every message, synchronously
 * on `publish`. For tests, and for several tiered stores in one process; across processes use a
 * real bus such as `@bulwark/redis`'s pub/sub one.
 *
 * @example
 * const bus = new MemoryInvalidationBus();
 * const a = new TieredCacheStore(new MemoryCacheStore(), shared, { bus });
 * const b = new TieredCacheStore(new MemoryCacheStore(), shared, { bus });
 */
export class MemoryInvalidationBus extends InvalidationBus {
  private readonly messages = new EventEmitter<InvalidationMessage>();

  /** @inheritDoc */
  publish(message: InvalidationMessage): Promise<void> {
    this.messages.emit(message);
    return Promise.resolve();
  }

  /** @inheritDoc */
  subscribe(listener: (message: InvalidationMessage) => void): Disposable {
    return this.messages.event(listener);
  }
}
