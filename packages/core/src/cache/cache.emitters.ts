import { EventEmitter } from '../events/event-emitter.js';
import type {
  CacheFactoryErrorEvent,
  CacheFactorySuccessEvent,
  CacheHitEvent,
  CacheMissEvent,
  CacheRefreshEvent,
  CacheStaleEvent,
  CacheStoreErrorEvent,
} from './cache.events.js';

/** @internal A cache's emitters; payloads are built only when someone listens. */
export class CacheEmitters {
  readonly hit = new EventEmitter<CacheHitEvent>();
  readonly miss = new EventEmitter<CacheMissEvent>();
  readonly stale = new EventEmitter<CacheStaleEvent>();
  readonly refresh = new EventEmitter<CacheRefreshEvent>();
  readonly factorySuccess = new EventEmitter<CacheFactorySuccessEvent>();
  readonly factoryError = new EventEmitter<CacheFactoryErrorEvent>();
  readonly storeError = new EventEmitter<CacheStoreErrorEvent>();

  constructor(private readonly name: string) {}

  hitOn(key: string): void {
    if (this.hit.hasListeners) this.hit.emit({ name: this.name, key });
  }

  missOn(key: string): void {
    if (this.miss.hasListeners) this.miss.emit({ name: this.name, key });
  }

  staleOn(key: string, reason: CacheStaleEvent['reason'], error?: unknown): void {
    if (this.stale.hasListeners) this.stale.emit(reason === 'error' ? { name: this.name, key, reason, error } : { name: this.name, key, reason });
  }

  refreshOf(key: string, reason: CacheRefreshEvent['reason']): void {
    if (this.refresh.hasListeners) this.refresh.emit({ name: this.name, key, reason });
  }

  factoryReturned(key: string, durationMs: number): void {
    if (this.factorySuccess.hasListeners) this.factorySuccess.emit({ name: this.name, key, durationMs });
  }

  factoryThrew(key: string, durationMs: number, error: unknown): void {
    if (this.factoryError.hasListeners) this.factoryError.emit({ name: this.name, key, durationMs, error });
  }

  storeFailed(operation: CacheStoreErrorEvent['operation'], error: unknown): void {
    if (this.storeError.hasListeners) this.storeError.emit({ name: this.name, operation, error });
  }
}
