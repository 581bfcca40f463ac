import { Module, type DynamicModule } from '@nestjs/common';
import { BulwarkMetricsConfigurableModule, type BULWARK_METRICS_OPTIONS_TYPE } from './bulwark-metrics.module-definition.js';
import { BulwarkMetrics } from './bulwark.metrics.js';

/**
 * Provides `BulwarkMetrics`: Prometheus metrics of every Bulwark policy, in a prom-client
 * registry of the application's own unless one is given. Needs `BulwarkModule` to be global
 * (`isGlobal: true`) or otherwise visible, since it reads the application's policies.
 *
 * @example
 * @Module({ imports: [BulwarkMetricsModule.forRoot({ prefix: 'shop_' })] })
 * class AppModule {}
 */
@Module({ providers: [BulwarkMetrics], exports: [BulwarkMetrics] })
export class BulwarkMetricsModule extends BulwarkMetricsConfigurableModule {
  /**
   * @param options where to register and how to name the metrics; all optional
   * @default options { registry: a new Registry, prefix: 'bulwark_' }
   * @returns the module, exporting `BulwarkMetrics`
   */
  static override forRoot(options: typeof BULWARK_METRICS_OPTIONS_TYPE = {}): DynamicModule {
    return super.forRoot(options);
  }
}
