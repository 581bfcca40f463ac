import { BulwarkHttpExceptionFilter, BulwarkModule, type BulwarkModuleOptions } from '@bulwark/nestjs';
import { BulwarkHealthIndicator, BulwarkLockHealthIndicator } from '@bulwark/nestjs/health';
import { BulwarkMetricsModule } from '@bulwark/nestjs/metrics';
import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { APP_FILTER } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import { TerminusModule } from '@nestjs/terminus';
import { Registry } from 'prom-client';
import { CatalogClient } from './catalog/catalog.client.js';
import { ProductsController } from './catalog/products.controller.js';
import { bulwarkConfig } from './config/bulwark.config.js';
import { deploymentConfig, type DeploymentConfig } from './config/deployment.config.js';
import { inventoryConfig } from './config/inventory.config.js';
import { reportsConfig } from './config/reports.config.js';
import { serverConfig } from './config/server.config.js';
import { CacheTierIndicator } from './health/cache-tier.indicator.js';
import { HealthController } from './health/health.controller.js';
import { InventoryClient } from './inventory/inventory.client.js';
import { InventoryHttp } from './inventory/inventory.http.js';
import { MetricsRegistryModule } from './metrics/metrics-registry.module.js';
import { MetricsController } from './metrics/metrics.controller.js';
import { OrdersController } from './orders/orders.controller.js';
import { OrdersService } from './orders/orders.service.js';
import { PricingCalculator } from './pricing/pricing.calculator.js';
import { DailyReportJob } from './reports/daily-report.job.js';
import { MemoryReportStore } from './reports/memory-report.store.js';
import { RedisReportStore } from './reports/redis-report.store.js';
import { ReportStore } from './reports/report.store.js';
import { ReportsController } from './reports/reports.controller.js';
import { StockController } from './stock/stock.controller.js';
import { StockService } from './stock/stock.service.js';

/**
 * The order service: orders, stock lookups and the product catalogue over HTTP, calling the
 * inventory service through Bulwark's cache, retry, circuit breaker and timeout; a memoized price
 * calculation; a leader-only report job; `/health` and `/metrics`. Configured only through
 * `@nestjs/config` namespaces read from environment variables (see the README); tests override
 * the namespaces' providers.
 *
 * @example
 * const app = await NestFactory.create(AppModule);
 * await app.listen(3000, '127.0.0.1');
 */
@Module({
  imports: [
    ConfigModule.forRoot({
      isGlobal: true,
      ignoreEnvFile: true,
      load: [serverConfig, inventoryConfig, deploymentConfig, reportsConfig, bulwarkConfig],
    }),
    // The policies, the cache tier (REDIS_URL) and the lock nodes (LOCK_REDIS_URLS) all come from the `bulwark` namespace.
    BulwarkModule.forRootAsync({
      inject: [bulwarkConfig.KEY],
      useFactory: (options: BulwarkModuleOptions): BulwarkModuleOptions => options,
    }),
    BulwarkMetricsModule.forRootAsync({
      imports: [MetricsRegistryModule],
      inject: [Registry],
      useFactory: (registry: Registry) => ({ registry }),
    }),
    ScheduleModule.forRoot(),
    TerminusModule,
  ],
  controllers: [StockController, OrdersController, ProductsController, ReportsController, HealthController, MetricsController],
  providers: [
    InventoryHttp,
    InventoryClient,
    StockService,
    CatalogClient,
    PricingCalculator,
    OrdersService,
    {
      provide: ReportStore,
      inject: [deploymentConfig.KEY],
      useFactory: (deployment: DeploymentConfig): ReportStore =>
        deployment.redisUrl === undefined ? new MemoryReportStore() : new RedisReportStore(deployment.redisUrl),
    },
    DailyReportJob,
    BulwarkHealthIndicator,
    BulwarkLockHealthIndicator,
    CacheTierIndicator,
    // Answers 503 + Retry-After when the open circuit refuses a call that has no fallback (POST /orders).
    { provide: APP_FILTER, useClass: BulwarkHttpExceptionFilter },
  ],
})
export class AppModule {}
