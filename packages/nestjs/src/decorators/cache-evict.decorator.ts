import type { CacheEvictOptions } from '../metadata/cache.metadata.js';
import { recordPolicy } from '../metadata/policy-metadata.recorder.js';

/**
 * Drops cached entries when the method succeeds (or before it runs, with `beforeInvocation`): the
 * entry its arguments key, the entries carrying some tags, or every entry of the cache. With
 * Redis, every instance drops its memory copy too.
 *
 * @param options the cache's name and what to drop: `key`, `tags` or `allEntries`
 * @returns a method decorator
 * @example
 * @CacheEvict({ name: 'catalog', tags: (sku: string) => [`sku:${sku}`] })
 * async updatePrice(sku: string, price: number): Promise<void> { ... }
 */
export function CacheEvict(options: CacheEvictOptions): MethodDecorator {
  return (prototype, methodName, descriptor) =>
    recordPolicy('@CacheEvict', prototype, methodName, descriptor, { kind: 'cacheEvict', options });
}
