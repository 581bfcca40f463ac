import { Module } from '@nestjs/common';
import { Registry, collectDefaultMetrics } from 'prom-client';

/**
 * Provides this application's prom-client `Registry` (the class is the token), holding Node's
 * default process metrics; `BulwarkMetricsModule` adds Bulwark's to it.
 */
@Module({
  providers: [
    {
      provide: Registry,
      useFactory: (): Registry => {
        const registry = new Registry();
        collectDefaultMetrics({ register: registry });
        return registry;
      },
    },
  ],
  exports: [Registry],
})
export class MetricsRegistryModule {}
