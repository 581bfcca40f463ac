import { BulwarkModule } from '@bulwark/nestjs';
import { BulwarkLockHealthIndicator } from '@bulwark/nestjs/health';
import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { ScheduleModule } from '@nestjs/schedule';
import { TerminusModule } from '@nestjs/terminus';
import { CatalogueService } from './catalogue/catalogue.service.js';
import { PriceListService } from './catalogue/price-list.service.js';
import { ProductsController } from './catalogue/products.controller.js';
import { ReservationsController } from './catalogue/reservations.controller.js';
import { RestockJob } from './catalogue/restock.job.js';
import { StockController } from './catalogue/stock.controller.js';
import { bulwarkOptionsFor } from './config/bulwark.config.js';
import { catalogueConfig } from './config/catalogue.config.js';
import { deploymentConfig, type DeploymentConfig } from './config/deployment.config.js';
import { serverConfig } from './config/server.config.js';
import { FaultInjectionInterceptor } from './faults/fault-injection.interceptor.js';
import { FaultInjectionService } from './faults/fault-injection.service.js';
import { FaultsController } from './faults/faults.controller.js';
import { HealthController } from './health/health.controller.js';
import { StatsController } from './stats/stats.controller.js';
import { TrafficStatsService } from './stats/traffic-stats.service.js';

/**
 * The inventory service: stock levels, reservations and product prices over HTTP, faults
 * injectable at run time, request counts, a leader-only restock job and `/health`. Configured only through `@nestjs/config` namespaces read from
 * environment variables (see the README); tests override the namespaces' providers.
 *
 * @example
 * const app = await NestFactory.create(AppModule);
 * await app.listen(3001, '127.0.0.1');
 */
@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [serverConfig, catalogueConfig, deploymentConfig] }),
    // Only for @Singleton on RestockJob.restock: the lock nodes from LOCK_REDIS_URLS (or REDIS_URL), else in-process.
    BulwarkModule.forRootAsync({
      inject: [deploymentConfig.KEY],
      useFactory: (deployment: DeploymentConfig) => bulwarkOptionsFor(deployment),
    }),
    ScheduleModule.forRoot(),
    TerminusModule,
  ],
  controllers: [StockController, ReservationsController, ProductsController, FaultsController, StatsController, HealthController],
  providers: [
    CatalogueService,
    PriceListService,
    FaultInjectionService,
    FaultInjectionInterceptor,
    TrafficStatsService,
    RestockJob,
    BulwarkLockHealthIndicator,
  ],
})
export class AppModule {}
