import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { BulwarkMetricsOptions } from './bulwark-metrics.options.js';

/** The base class, options token and option types of `BulwarkMetricsModule`. */
export const {
  ConfigurableModuleClass: BulwarkMetricsConfigurableModule,
  MODULE_OPTIONS_TOKEN: BULWARK_METRICS_OPTIONS,
  OPTIONS_TYPE: BULWARK_METRICS_OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE: BULWARK_METRICS_ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<BulwarkMetricsOptions>({ moduleName: 'BulwarkMetrics' }).setClassMethodName('forRoot').build();
