import type { CachePolicy } from '@bulwark/core';
import { Injectable } from '@nestjs/common';
import { messages } from '../bulwark.messages.js';
import type { ReturnKind } from '../invocation/method-plan.js';
import type { MethodLayer } from '../invocation/method-layer.js';
import type { CacheEvictOptions, CachePutOptions, CacheableOptions } from '../metadata/cache.metadata.js';
import { locateOptionError } from '../options/option-errors.js';
import { BulwarkCaches } from './bulwark-caches.js';
import { cachingLayer, evictingLayer, type CachedShape } from './cache.layer.js';

/** The cache decorations of one method. */
export interface CacheDecorations {
  readonly cacheable?: { readonly options: CacheableOptions };
  readonly cachePut?: { readonly options: CachePutOptions };
  readonly cacheEvict?: { readonly options: CacheEvictOptions };
}

/**
 * Turns `@Cacheable`, `@CachePut` and `@CacheEvict` into layers around a method, checking at
 * bootstrap what could only fail later: the cache's name, conflicting decorators, what to evict,
 * and a return type the cache can keep.
 */
@Injectable()
export class CacheLayerPlanner {
  constructor(private readonly caches: BulwarkCaches) {}

  /**
   * @param decorations the method's cache decorations
   * @param label `Class.method`
   * @param returns how the method returns
   * @returns the layers, outermost first: eviction (after the write it follows), then caching
   * @throws Error naming `Class.method`, the decorator, the option and the fix
   */
  plan(decorations: CacheDecorations, label: string, returns: ReturnKind): MethodLayer[] {
    const { cacheable, cachePut, cacheEvict } = decorations;
    if (!cacheable && !cachePut && !cacheEvict) return [];
    if (cacheable && cachePut) throw new Error(messages.cacheableWithPut(label));
    const shape = shapeOf(label, returns, cachePut !== undefined || cacheEvict !== undefined);
    const layers: MethodLayer[] = [];
    if (cacheEvict) layers.push(evictingLayer(this.cache(label, '@CacheEvict', checkEvict(label, cacheEvict.options)), cacheEvict.options, shape));
    if (cacheable) layers.push(cachingLayer('cacheable', this.cache(label, '@Cacheable', cacheable.options.name), cacheable.options, shape));
    if (cachePut) layers.push(cachingLayer('put', this.cache(label, '@CachePut', cachePut.options.name), cachePut.options, shape));
    return layers;
  }

  private cache(label: string, decorator: string, name: string): CachePolicy {
    return locateOptionError(`${label} ${decorator}`, messages.decoratorFix, () => this.caches.get(name));
  }
}

function shapeOf(label: string, returns: ReturnKind, writes: boolean): CachedShape {
  if (returns === 'promise' || returns === 'observable' || (returns === 'sync' && !writes)) return returns;
  throw new Error(messages.cacheNeedsAsync(label, returns));
}

function checkEvict(label: string, options: CacheEvictOptions): string {
  const targets = [options.key !== undefined, options.tags !== undefined, options.allEntries === true].filter(Boolean).length;
  if (targets > 1) throw new Error(messages.evictTargets(label));
  return options.name;
}
