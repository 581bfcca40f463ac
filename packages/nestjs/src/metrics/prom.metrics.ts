import { Counter, Gauge } from 'prom-client';
import type { ResolvedMetricsOptions } from './bulwark-metrics.options.js';

/** What every Bulwark metric is built from. */
export interface MetricSpec<L extends string> {
  /** The name after the prefix, e.g. `retries_total`. */
  readonly name: string;
  readonly help: string;
  readonly labelNames: readonly L[];
}

/**
 * Registers a counter whose values are written at scrape time by `collect`, so the call path
 * only bumps plain numbers.
 *
 * @param options the registry and prefix
 * @param spec the metric's name, help and labels
 * @param collect writes the current totals into the counter (after it was reset)
 * @returns the registered counter
 */
export function scrapedCounter<L extends string>(options: ResolvedMetricsOptions, spec: MetricSpec<L>, collect: (counter: Counter<L>) => void): Counter<L> {
  return new Counter<L>({
    name: options.prefix + spec.name,
    help: spec.help,
    labelNames: spec.labelNames,
    registers: [options.registry],
    collect(this: Counter<L>) {
      this.reset();
      collect(this);
    },
  });
}

/**
 * Registers a gauge whose values are written at scrape time by `collect`.
 *
 * @param options the registry and prefix
 * @param spec the metric's name, help and labels
 * @param collect writes the current values into the gauge (after it was reset)
 * @returns the registered gauge
 */
export function scrapedGauge<L extends string>(options: ResolvedMetricsOptions, spec: MetricSpec<L>, collect: (gauge: Gauge<L>) => void): Gauge<L> {
  return new Gauge<L>({
    name: options.prefix + spec.name,
    help: spec.help,
    labelNames: spec.labelNames,
    registers: [options.registry],
    collect(this: Gauge<L>) {
      this.reset();
      collect(this);
    },
  });
}
