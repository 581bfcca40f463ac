import { randomUUID } from 'node:crypto';
import type { Disposable } from '../events/event.js';
import type { CacheSettings } from './cache.config.js';
import type { CacheEmitters } from './cache.emitters.js';
import type { InvalidationMessage } from './invalidation.bus.js';

/**
 * @internal Connects a cache with a per-process store to an invalidation bus: publishes this
 * cache's invalidations and applies other instances' to the local store.
 */
export class CacheBusLink {
  private readonly origin = randomUUID();
  private readonly subscription: Disposable | undefined;

  /**
   * @param onForeign called for every applied message from another instance, before it is applied
   */
  constructor(
    private readonly settings: CacheSettings,
    private readonly emit: CacheEmitters,
    onForeign: () => void,
  ) {
    this.subscription = settings.bus?.subscribe((message) => {
      if (message.origin === this.origin || !this.concerns(message)) return;
      onForeign();
      this.apply(message).catch((error: unknown) => this.emit.storeFailed('set', error));
    });
  }

  /** Tells other instances; nothing without a bus. */
  publish(kind: InvalidationMessage['kind'], value: string, at: number): Promise<void> {
    const bus = this.settings.bus;
    return bus === undefined ? Promise.resolve() : bus.publish({ kind, value, at, origin: this.origin });
  }

  /** Stops listening to the bus. */
  dispose(): void {
    this.subscription?.dispose();
  }

  private concerns(message: InvalidationMessage): boolean {
    return message.value.startsWith(message.kind === 'tag' ? this.settings.tagPrefix : this.settings.prefix);
  }

  private apply(message: InvalidationMessage): Promise<void> {
    const store = this.settings.store;
    if (message.kind === 'key') return store.delete(message.value);
    if (message.kind === 'prefix') return store.deleteByPrefix(message.value);
    return store.invalidateTag(message.value, message.at);
  }
}
