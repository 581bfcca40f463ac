import {
  circuitBreaker,
  integer,
  retry,
  retryBudget,
  timeout,
  validateOptions,
  type CircuitBreakerPolicy,
  type RetryBudget,
  type RetryPolicy,
  type TimeoutPolicy,
} from '@bulwark/core';
import { Inject, Injectable } from '@nestjs/common';
import { messages } from '../bulwark.messages.js';
import type { CircuitBreakerDecoratorOptions } from '../metadata/policy.metadata.js';
import { BULWARK_OPTIONS, type ResolvedBulwarkOptions } from '../options/bulwark-options.token.js';
import { locateOptionError } from '../options/option-errors.js';
import type { BreakerPolicyOptions, RetryPolicyOptions } from '../options/policy-options.js';
import { sameOptions } from '../options/same-options.js';
import { KeyedCircuitBreakers } from './keyed-circuit-breakers.js';
import { PolicyRegistry } from './policy.registry.js';

const DEFAULT_MAX_KEYS = 1_000;

/** Where a decoration sits, for messages: `Class.method` and the decorator as written. */
export interface DecorationSite {
  readonly method: string;
  readonly decorator: string;
}

/** The breaker a method calls through: one, or one per key computed from the arguments. */
export type BreakerSource =
  | { readonly kind: 'single'; readonly breaker: CircuitBreakerPolicy }
  | { readonly kind: 'keyed'; readonly key: (...args: unknown[]) => string; readonly breakers: KeyedCircuitBreakers };

/**
 * Builds the policies decorated methods use, from the module's options and the decorators'
 * inline options, and registers them. Named breakers and retry budgets are shared by every
 * method naming them; a name used with conflicting inline options is a bootstrap error.
 */
@Injectable()
export class PolicyFactory {
  private readonly sharedBreakers = new Map<string, { source: BreakerSource; options: object; site: DecorationSite }>();
  private readonly budgets = new Map<string, RetryBudget>();

  constructor(
    @Inject(BULWARK_OPTIONS) private readonly options: ResolvedBulwarkOptions,
    private readonly registry: PolicyRegistry,
  ) {}

  /**
   * @param name the configured breaker, or `undefined` for a breaker of the method's own
   * @param inline the decorator's options (`fallback` is read elsewhere)
   * @param site where the decorator is, for messages
   * @throws InvalidOptionError for an unknown name, an invalid option, or options conflicting with another method's
   */
  breaker(name: string | undefined, inline: CircuitBreakerDecoratorOptions, site: DecorationSite): BreakerSource {
    if (name === undefined) return this.createBreakerSource(site.method, inline, site);
    this.assertKnown('circuitBreakers', name, this.options.circuitBreakers, site);
    // The fallback belongs to each method; everything else shapes the one shared breaker.
    const { fallback: _fallback, ...shaping } = inline;
    const shared = this.sharedBreakers.get(name);
    if (!shared) {
      const source = this.createBreakerSource(name, inline, site);
      this.sharedBreakers.set(name, { source, options: shaping, site });
      return source;
    }
    if (!sameOptions(shared.options, shaping)) {
      throw new Error(messages.conflictingBreakerOptions(name, shared.site, site));
    }
    return shared.source;
  }

  /**
   * @param name the configured retry policy whose budget is shared, or `undefined`
   * @param inline the decorator's options
   * @param site where the decorator is, for messages
   * @throws InvalidOptionError for an unknown name or an invalid option
   */
  retry(name: string | undefined, inline: RetryPolicyOptions, site: DecorationSite): RetryPolicy {
    if (name !== undefined) this.assertKnown('retries', name, this.options.retries, site);
    const named = name === undefined ? {} : this.options.retries[name];
    const { budget: budgetOptions, ...options } = { ...this.options.defaults.retry, ...named, ...inline };
    const budget = budgetOptions && this.budgetFor(name ?? site.method, budgetOptions, inline.budget === undefined);
    const policy = this.located(site, () => retry({ ...options, budget, clock: this.options.clock }));
    this.registry.add({ kind: 'retry', name: name ?? site.method, policy });
    return policy;
  }

  /**
   * @param duration the decorator's duration in ms, if it gave one
   * @param name the configured timeout, if it named one
   * @param site where the decorator is, for messages
   * @throws InvalidOptionError for an unknown name or when neither a duration nor `defaults.timeout` exists
   */
  timeout(duration: number | string | undefined, name: string | undefined, site: DecorationSite): TimeoutPolicy {
    if (name !== undefined) this.assertKnown('timeouts', name, this.options.timeouts, site);
    const ms = duration ?? (name === undefined ? this.options.defaults.timeoutMs : this.options.timeouts[name]);
    if (ms === undefined) throw new Error(messages.timeoutWithoutDuration(site));
    const policy = this.located(site, () => timeout(ms as number));
    this.registry.add({ kind: 'timeout', name: name ?? site.method, policy });
    return policy;
  }

  private createBreakerSource(name: string, inline: CircuitBreakerDecoratorOptions, site: DecorationSite): BreakerSource {
    const { fallback: _fallback, key, maxKeys, ...own } = inline;
    const named = this.options.circuitBreakers[name] ?? {};
    const options: BreakerPolicyOptions = { ...this.options.defaults.circuitBreaker, ...named, ...own };
    if (!key) return { kind: 'single', breaker: this.located(site, () => this.createBreaker(name, options)) };
    const limit = this.located(site, () => validateOptions('circuitBreaker', { maxKeys }, { maxKeys: integer(1) }).maxKeys);
    this.located(site, () => circuitBreaker(options)); // validates once, before any key exists
    const breakers = new KeyedCircuitBreakers(
      (k) => this.createBreaker(`${name}[${k}]`, options),
      limit ?? DEFAULT_MAX_KEYS,
      (evicted) => this.registry.remove(evicted),
    );
    return { kind: 'keyed', key: key as (...args: unknown[]) => string, breakers };
  }

  private createBreaker(name: string, options: BreakerPolicyOptions): CircuitBreakerPolicy {
    const policy = circuitBreaker({ ...options, name, clock: this.options.clock });
    this.registry.add({ kind: 'circuitBreaker', name, policy });
    return policy;
  }

  private budgetFor(name: string, options: NonNullable<RetryPolicyOptions['budget']>, shared: boolean): RetryBudget {
    if (!shared) return retryBudget({ ...options, clock: this.options.clock });
    let budget = this.budgets.get(name);
    if (!budget) this.budgets.set(name, (budget = retryBudget({ ...options, clock: this.options.clock })));
    return budget;
  }

  private assertKnown(section: string, name: string, configured: Readonly<Record<string, unknown>>, site: DecorationSite): void {
    if (!Object.hasOwn(configured, name)) throw new Error(messages.unknownPolicyName(section, name, Object.keys(configured), site));
  }

  private located<T>(site: DecorationSite, check: () => T): T {
    return locateOptionError(`${site.method} ${site.decorator}`, messages.decoratorFix, check);
  }
}
