import { CircuitState, type CircuitBreakerPolicy, type Disposable } from '@bulwark/core';
import type { Counter, Gauge } from 'prom-client';
import type { ResolvedMetricsOptions } from './bulwark-metrics.options.js';
import { BREAKER_CALLS, BREAKER_STATE } from './metric.specs.js';
import { scrapedCounter, scrapedGauge } from './prom.metrics.js';
import { releasedOnce } from './released-once.js';
import { Tallies } from './tallies.js';

interface BreakerTally {
  success: number;
  failure: number;
  rejected: number;
  breaker: CircuitBreakerPolicy | undefined;
}

const STATES = Object.values(CircuitState);

/**
 * The circuit breaker metrics: calls by outcome (refusals are `outcome="rejected"`), and the
 * current state as a 0/1 gauge per state, read from the breaker at scrape time.
 */
export class CircuitBreakerMetrics {
  private readonly tallies = new Tallies<BreakerTally>(() => ({ success: 0, failure: 0, rejected: 0, breaker: undefined }));

  /** @param options the registry and prefix to register the metrics with */
  constructor(options: ResolvedMetricsOptions) {
    scrapedCounter(options, BREAKER_CALLS, (counter) => this.collectCalls(counter));
    scrapedGauge(options, BREAKER_STATE, (gauge) => this.collectStates(gauge));
  }

  /**
   * Counts a breaker's calls from now on.
   *
   * @param name the breaker's name, the `breaker` label
   * @param breaker the breaker
   * @returns handles that stop counting and drop the breaker's series
   */
  watch(name: string, breaker: CircuitBreakerPolicy): Disposable[] {
    const tally = this.tallies.acquire(name);
    tally.breaker = breaker;
    return [
      breaker.onSuccess(() => {
        tally.success++;
      }),
      breaker.onFailure(() => {
        tally.failure++;
      }),
      breaker.onRejection(() => {
        tally.rejected++;
      }),
      releasedOnce(() => this.tallies.release(name)),
    ];
  }

  private collectCalls(counter: Counter<'breaker' | 'outcome'>): void {
    this.tallies.forEach((tally, breaker) => {
      counter.inc({ breaker, outcome: 'success' }, tally.success);
      counter.inc({ breaker, outcome: 'failure' }, tally.failure);
      counter.inc({ breaker, outcome: 'rejected' }, tally.rejected);
    });
  }

  private collectStates(gauge: Gauge<'breaker' | 'state'>): void {
    this.tallies.forEach((tally, breaker) => {
      const current = tally.breaker?.state;
      for (const state of STATES) gauge.set({ breaker, state }, state === current ? 1 : 0);
    });
  }
}
