import { BulwarkHttpExceptionFilter, BulwarkModule, type BulwarkModuleOptions } from '@bulwark/nestjs';
import { BulwarkHealthIndicator } from '@bulwark/nestjs/health';
import { BulwarkMetricsModule } from '@bulwark/nestjs/metrics';
import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { APP_FILTER } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { Registry } from 'prom-client';
import { bulwarkConfig } from './config/bulwark.config.js';
import { inventoryConfig } from './config/inventory.config.js';
import { serverConfig } from './config/server.config.js';
import { HealthController } from './health/health.controller.js';
import { InventoryClient } from './inventory/inventory.client.js';
import { InventoryHttp } from './inventory/inventory.http.js';
import { LastKnownStockStore } from './inventory/last-known-stock.store.js';
import { MetricsRegistryModule } from './metrics/metrics-registry.module.js';
import { MetricsController } from './metrics/metrics.controller.js';
import { OrdersController } from './orders/orders.controller.js';
import { OrdersService } from './orders/orders.service.js';
import { StockController } from './stock/stock.controller.js';

/**
 * The order service: orders and stock lookups over HTTP, calling the inventory service through
 * Bulwark's retry, circuit breaker and timeout; `/health` and `/metrics`. Configured only through
 * `@nestjs/config` namespaces read from environment variables (see the README); tests override
 * the namespaces' providers.
 *
 * @example
 * const app = await NestFactory.create(AppModule);
 * await app.listen(3000, '127.0.0.1');
 */
@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [serverConfig, inventoryConfig, bulwarkConfig] }),
    // later: the cache tier (REDIS_URL) joins these options when @Cacheable lands; see bulwark.config.ts.
    BulwarkModule.forRootAsync({
      inject: [bulwarkConfig.KEY],
      useFactory: (options: BulwarkModuleOptions): BulwarkModuleOptions => options,
    }),
    BulwarkMetricsModule.forRootAsync({
      imports: [MetricsRegistryModule],
      inject: [Registry],
      useFactory: (registry: Registry) => ({ registry }),
    }),
    TerminusModule,
  ],
  controllers: [StockController, OrdersController, HealthController, MetricsController],
  providers: [
    InventoryHttp,
    LastKnownStockStore,
    InventoryClient,
    OrdersService,
    BulwarkHealthIndicator,
    // Answers 503 + Retry-After when the open circuit refuses a call that has no fallback (POST /orders).
    { provide: APP_FILTER, useClass: BulwarkHttpExceptionFilter },
  ],
})
export class AppModule {}
