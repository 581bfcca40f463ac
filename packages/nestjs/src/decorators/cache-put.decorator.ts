import type { CachePutOptions } from '../metadata/cache.metadata.js';
import { recordPolicy } from '../metadata/policy-metadata.recorder.js';

/**
 * Always calls the method and stores its result under the key its arguments give, so readers
 * through `@Cacheable` see the new value (on every instance, with Redis).
 *
 * @param options the cache's name, key, ttl, tags...
 * @returns a method decorator
 * @example
 * @CachePut({ name: 'catalog', key: (product: Product) => [product.sku] })
 * async save(product: Product): Promise<Product> { ... }
 */
export function CachePut(options: CachePutOptions): MethodDecorator {
  return (prototype, methodName, descriptor) =>
    recordPolicy('@CachePut', prototype, methodName, descriptor, { kind: 'cachePut', options });
}
