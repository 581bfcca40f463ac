import type { Disposable, RetryGiveUpReason, RetryPolicy } from '@bulwark/core';
import type { Counter } from 'prom-client';
import type { ResolvedMetricsOptions } from './bulwark-metrics.options.js';
import { RETRIES, RETRY_GIVE_UPS } from './metric.specs.js';
import { scrapedCounter } from './prom.metrics.js';
import { releasedOnce } from './released-once.js';
import { Tallies } from './tallies.js';

interface RetryTally {
  retries: number;
  readonly giveUps: Map<RetryGiveUpReason, number>;
}

/** The retry metrics: retries scheduled, and give-ups by reason. */
export class RetryMetrics {
  private readonly tallies = new Tallies<RetryTally>(() => ({ retries: 0, giveUps: new Map() }));

  /** @param options the registry and prefix to register the metrics with */
  constructor(options: ResolvedMetricsOptions) {
    scrapedCounter(options, RETRIES, (counter) => this.collectRetries(counter));
    scrapedCounter(options, RETRY_GIVE_UPS, (counter) => this.collectGiveUps(counter));
  }

  /**
   * Counts a retry policy's retries and give-ups from now on.
   *
   * @param name the policy's name, the `policy` label; policies sharing a name share series
   * @param policy the retry policy
   * @returns handles that stop counting
   */
  watch(name: string, policy: RetryPolicy): Disposable[] {
    const tally = this.tallies.acquire(name);
    return [
      policy.onRetry(() => {
        tally.retries++;
      }),
      policy.onGiveUp(({ reason }) => {
        tally.giveUps.set(reason, (tally.giveUps.get(reason) ?? 0) + 1);
      }),
      releasedOnce(() => this.tallies.release(name)),
    ];
  }

  private collectRetries(counter: Counter<'policy'>): void {
    this.tallies.forEach((tally, policy) => counter.inc({ policy }, tally.retries));
  }

  private collectGiveUps(counter: Counter<'policy' | 'reason'>): void {
    this.tallies.forEach((tally, policy) => {
      for (const [reason, count] of tally.giveUps) counter.inc({ policy, reason }, count);
    });
  }
}
