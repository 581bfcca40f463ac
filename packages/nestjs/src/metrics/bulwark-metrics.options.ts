import { INVALID, custom, validateOptions } from '@bulwark/core';
import { Registry, type OpenMetricsContentType, type PrometheusContentType } from 'prom-client';

/** A prom-client registry, in either exposition format. */
export type MetricsRegistry = Registry<PrometheusContentType> | Registry<OpenMetricsContentType>;

/** Options of `BulwarkMetricsModule.forRoot()`. */
export interface BulwarkMetricsOptions {
  /**
   * Where the metrics are registered. Pass prom-client's global `register` to share it with other
   * libraries; by default each application gets a registry of its own, so two applications in one
   * process never collide. @default a new `Registry`
   */
  registry?: MetricsRegistry;
  /** Prepended to every metric name; letters, digits, `_` and `:` only. @default 'bulwark_' */
  prefix?: string;
}

/** Metrics options validated, with defaults filled in. */
export interface ResolvedMetricsOptions {
  readonly registry: MetricsRegistry;
  readonly prefix: string;
}

const PREFIX = /^(?:[a-zA-Z_:][a-zA-Z0-9_:]*)?$/;

const rules = {
  registry: custom<MetricsRegistry>('a prom-client Registry', (value) =>
    typeof (value as Partial<Registry> | null)?.registerMetric === 'function' ? (value as MetricsRegistry) : INVALID,
  ),
  prefix: custom<string>("a Prometheus metric name prefix: letters, digits, '_' and ':', not starting with a digit", (value) =>
    typeof value === 'string' && PREFIX.test(value) ? value : INVALID,
  ),
};

/**
 * Validates the metrics options and fills in defaults: the one place they live.
 *
 * @param options what `forRoot` or the `forRootAsync` factory gave
 * @returns the options the metrics run on
 * @throws InvalidOptionError naming the option, the value and what is allowed
 * @example
 * resolveMetricsOptions({ prefix: 'shop_' }); // { registry: new Registry(), prefix: 'shop_' }
 */
export function resolveMetricsOptions(options: BulwarkMetricsOptions | undefined): ResolvedMetricsOptions {
  const valid = validateOptions('BulwarkMetricsModule', options, rules);
  return { registry: valid.registry ?? new Registry(), prefix: valid.prefix ?? 'bulwark_' };
}
