import type { CacheCallOptions, CachePolicy } from '@bulwark/core';
import { defer, from, lastValueFrom, type Observable } from 'rxjs';
import type { MethodInvoker } from '../metadata/method-forwarder.js';
import type { CacheEntryOptions, CacheEvictOptions, CacheableOptions } from '../metadata/cache.metadata.js';
import type { MethodLayer } from '../invocation/method-layer.js';

type Args = unknown[];
type Call = (...args: Args) => unknown;

/** How a cached call's result travels: a Promise, an Observable whose last value is cached, or a plain value. */
export type CachedShape = 'promise' | 'observable' | 'sync';

/**
 * `@Cacheable` and `@CachePut` as a layer: answer from the cache or fill it (`cacheable`), or
 * always call and store (`put`). An Observable method's completed value is cached, not each
 * emission, and a hit answers with an Observable of that value. A synchronous method stays
 * synchronous (`cacheable` only): it reads this process's memory tier.
 *
 * @param mode `cacheable` or `put`
 * @param policy the named cache
 * @param options the decorator's options
 * @param shape how the method returns
 * @returns the layer
 */
export function cachingLayer(mode: 'cacheable' | 'put', policy: CachePolicy, options: CacheableOptions, shape: CachedShape): MethodLayer {
  const keyOf = keyFunction(options);
  const entryOptions = callOptions(options);
  const condition = options.condition as Call | undefined;
  return {
    wrap(inner: MethodInvoker): MethodInvoker {
      const compute = (instance: object, args: Args): Promise<unknown> =>
        shape === 'promise' ? Promise.resolve(inner(instance, args)) : lastValueFrom(inner(instance, args) as Observable<unknown>, { defaultValue: undefined });
      const cached = (instance: object, args: Args): Promise<unknown> => {
        if (mode === 'cacheable') return policy.getOrSet(keyOf(args), () => compute(instance, args), entryOptions(args));
        return compute(instance, args).then(async (value) => {
          await policy.set(keyOf(args), value, entryOptions(args));
          return value;
        });
      };
      return (instance, args) => {
        if (condition !== undefined && condition(...args) !== true) return inner(instance, args);
        if (shape === 'sync') return policy.getOrSetSync(keyOf(args), () => inner(instance, args), entryOptions(args));
        return shape === 'promise' ? cached(instance, args) : defer(() => from(cached(instance, args)));
      };
    },
  };
}

/**
 * `@CacheEvict` as a layer: drops the entry the arguments key, the entries of some tags, or the
 * whole cache — after the method succeeds, or before it runs with `beforeInvocation`.
 *
 * @param policy the named cache
 * @param options the decorator's options
 * @param shape how the method returns
 * @returns the layer
 */
export function evictingLayer(policy: CachePolicy, options: CacheEvictOptions, shape: CachedShape): MethodLayer {
  const keyOf = keyFunction(options);
  const tagsOf = tagsFunction(options.tags);
  const evict = (args: Args): Promise<void> => {
    if (options.allEntries === true) return policy.clear();
    if (tagsOf !== undefined) return policy.invalidateTags(tagsOf(args));
    return policy.delete(keyOf(args));
  };
  return {
    wrap(inner: MethodInvoker): MethodInvoker {
      const run = async (instance: object, args: Args): Promise<unknown> => {
        if (options.beforeInvocation === true) await evict(args);
        const value = shape === 'promise' ? await inner(instance, args) : await lastValueFrom(inner(instance, args) as Observable<unknown>, { defaultValue: undefined });
        if (options.beforeInvocation !== true) await evict(args);
        return value;
      };
      return (instance, args) => (shape === 'promise' ? run(instance, args) : defer(() => from(run(instance, args))));
    },
  };
}

function keyFunction(options: { key?: CacheEntryOptions['key'] }): (args: Args) => readonly unknown[] {
  const key = options.key as Call | undefined;
  if (key === undefined) return (args) => args;
  return (args) => {
    const value = key(...args);
    return Array.isArray(value) ? value : [value];
  };
}

function tagsFunction(tags: CacheEntryOptions['tags']): ((args: Args) => readonly string[]) | undefined {
  if (tags === undefined) return undefined;
  if (typeof tags !== 'function') return () => tags;
  const compute = tags as (...args: Args) => readonly string[];
  return (args) => compute(...args);
}

/** Builds the per-entry options once; only tags computed from arguments are built per call. */
function callOptions(options: CacheableOptions): (args: Args) => CacheCallOptions | undefined {
  const { ttl, grace } = options;
  const unless = options.unless as ((value: unknown) => boolean) | undefined;
  const tagsOf = tagsFunction(options.tags);
  const fixed: CacheCallOptions | undefined =
    ttl === undefined && grace === undefined && unless === undefined ? undefined : { ...(ttl && { ttl }), ...(grace !== undefined && { grace }), ...(unless && { unless }) };
  if (tagsOf === undefined) return () => fixed;
  return (args) => ({ ...fixed, tags: tagsOf(args) });
}
