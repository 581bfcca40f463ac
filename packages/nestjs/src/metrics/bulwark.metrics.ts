import type { Disposable } from '@bulwark/core';
import { Inject, Injectable, Optional, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { PolicySubscriptions } from '../registry/policy-subscriptions.js';
import { PolicyRegistry } from '../registry/policy.registry.js';
import { BulwarkLocks } from '../singleton/bulwark-locks.js';
import type { RegisteredPolicy } from '../registry/registered-policy.js';
import { BULWARK_METRICS_OPTIONS } from './bulwark-metrics.module-definition.js';
import { resolveMetricsOptions, type BulwarkMetricsOptions, type MetricsRegistry } from './bulwark-metrics.options.js';
import { CacheMetrics } from './cache.metrics.js';
import { CircuitBreakerMetrics } from './circuit-breaker.metrics.js';
import { LockMetrics } from './lock.metrics.js';
import { ALL_METRICS } from './metric.specs.js';
import { metricsMessages } from './metrics.messages.js';
import { RetryMetrics } from './retry.metrics.js';
import { TimeoutMetrics } from './timeout.metrics.js';

/**
 * Prometheus metrics of every policy in this application, through prom-client: breaker calls by
 * outcome and breaker state, retries and give-ups, timeouts, cache reads by result, factory
 * calls, tier hits and evictions, and `@Singleton`'s leases, refusals, losses, leadership and
 * failovers. Policies created after bootstrap
 * (per-key breakers) are included. Calls only bump plain numbers; prom-client reads them when
 * scraped. Provided by `BulwarkMetricsModule`.
 *
 * @example
 * @Get('metrics')
 * async metrics(@Res() res: Response) {
 *   res.type(this.bulwark.contentType).send(await this.bulwark.metrics());
 * }
 */
@Injectable()
export class BulwarkMetrics implements OnModuleInit, OnModuleDestroy {
  /** The registry the metrics live in: the one given to `forRoot`, or this application's own. */
  readonly registry: MetricsRegistry;
  private readonly names: readonly string[];
  private readonly breakers: CircuitBreakerMetrics;
  private readonly retries: RetryMetrics;
  private readonly timeouts: TimeoutMetrics;
  private readonly caches: CacheMetrics;
  private readonly subscriptions: PolicySubscriptions;
  private readonly lockMetrics: LockMetrics;
  private lockHandles: Disposable[] = [];

  /**
   * @throws InvalidOptionError for an invalid option; Error when the registry already holds a
   *   metric of the same name (another application sharing it with the same prefix)
   */
  constructor(
    policies: PolicyRegistry,
    @Inject(BULWARK_METRICS_OPTIONS) options: BulwarkMetricsOptions,
    @Optional() private readonly locks?: BulwarkLocks,
  ) {
    const resolved = resolveMetricsOptions(options);
    this.registry = resolved.registry;
    this.names = ALL_METRICS.map((spec) => resolved.prefix + spec.name);
    const taken = this.names.find((name) => this.registry.getSingleMetric(name) !== undefined);
    if (taken !== undefined) throw new Error(metricsMessages.alreadyRegistered(taken));
    this.breakers = new CircuitBreakerMetrics(resolved);
    this.retries = new RetryMetrics(resolved);
    this.timeouts = new TimeoutMetrics(resolved);
    this.caches = new CacheMetrics(resolved);
    this.lockMetrics = new LockMetrics(resolved);
    this.subscriptions = new PolicySubscriptions(policies, (entry) => this.watch(entry));
  }

  /** The `Content-Type` of `metrics()`, for the scrape endpoint's response. */
  get contentType(): string {
    return this.registry.contentType;
  }

  /** @returns every metric of the registry in the exposition format, others' included */
  metrics(): Promise<string> {
    return this.registry.metrics();
  }

  /** Starts counting for every policy, including those created later. */
  onModuleInit(): void {
    this.subscriptions.start();
    if (this.locks && this.lockHandles.length === 0) this.lockHandles = this.lockMetrics.watch(this.locks);
  }

  /** Stops counting and removes Bulwark's metrics from the registry, so a shared one can be reused. */
  onModuleDestroy(): void {
    this.subscriptions.dispose();
    for (const handle of this.lockHandles.splice(0)) handle.dispose();
    for (const name of this.names) this.registry.removeSingleMetric(name);
  }

  private watch(entry: RegisteredPolicy): Disposable[] {
    switch (entry.kind) {
      case 'circuitBreaker':
        return this.breakers.watch(entry.name, entry.policy);
      case 'retry':
        return this.retries.watch(entry.name, entry.policy);
      case 'timeout':
        return this.timeouts.watch(entry.name, entry.policy);
      case 'cache':
        return this.caches.watchCache(entry.name, entry.policy);
      case 'cacheBackend':
        return this.caches.watchBackend(entry.policy);
    }
  }
}
