import type { Disposable, TimeoutPolicy } from '@bulwark/core';
import type { Counter } from 'prom-client';
import type { ResolvedMetricsOptions } from './bulwark-metrics.options.js';
import { TIMEOUTS } from './metric.specs.js';
import { scrapedCounter } from './prom.metrics.js';
import { releasedOnce } from './released-once.js';
import { Tallies } from './tallies.js';

/** The timeout metric: operations each timeout policy gave up on. */
export class TimeoutMetrics {
  private readonly tallies = new Tallies(() => ({ timeouts: 0 }));

  /** @param options the registry and prefix to register the metric with */
  constructor(options: ResolvedMetricsOptions) {
    scrapedCounter(options, TIMEOUTS, (counter) => this.collect(counter));
  }

  /**
   * Counts a timeout policy's timeouts from now on.
   *
   * @param name the policy's name, the `policy` label; policies sharing a name share a series
   * @param policy the timeout policy
   * @returns handles that stop counting
   */
  watch(name: string, policy: TimeoutPolicy): Disposable[] {
    const tally = this.tallies.acquire(name);
    return [
      policy.onTimeout(() => {
        tally.timeouts++;
      }),
      releasedOnce(() => this.tallies.release(name)),
    ];
  }

  private collect(counter: Counter<'policy'>): void {
    this.tallies.forEach((tally, policy) => counter.inc({ policy }, tally.timeouts));
  }
}
