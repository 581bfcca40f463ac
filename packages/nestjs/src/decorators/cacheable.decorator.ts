import type { CacheableOptions } from '../metadata/cache.metadata.js';
import { recordPolicy } from '../metadata/policy-metadata.recorder.js';

/**
 * Cache-aside on a method: a hit returns the cached value without calling the method (and without
 * retry or breaker accounting); a miss calls it once per key however many callers wait, stores
 * the result and returns it. When the method fails, or its circuit is open, a value expired
 * within `grace` is served instead.
 *
 * @param options the cache's name (from `cache.caches` config, or a new one), key, ttl, tags...
 * @returns a method decorator
 * @example
 * @Cacheable({ name: 'catalog', ttl: '15m', tags: (sku: string) => [`sku:${sku}`] })
 * async product(sku: string): Promise<Product> { ... }
 */
export function Cacheable(options: CacheableOptions): MethodDecorator {
  return (prototype, methodName, descriptor) =>
    recordPolicy('@Cacheable', prototype, methodName, descriptor, { kind: 'cacheable', options });
}
