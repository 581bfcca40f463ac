import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { ScheduleModule } from '@nestjs/schedule';
import { TerminusModule } from '@nestjs/terminus';
import { CatalogueService } from './catalogue/catalogue.service.js';
import { ReservationsController } from './catalogue/reservations.controller.js';
import { RestockJob } from './catalogue/restock.job.js';
import { StockController } from './catalogue/stock.controller.js';
import { catalogueConfig } from './config/catalogue.config.js';
import { serverConfig } from './config/server.config.js';
import { FaultInjectionInterceptor } from './faults/fault-injection.interceptor.js';
import { FaultInjectionService } from './faults/fault-injection.service.js';
import { FaultsController } from './faults/faults.controller.js';
import { HealthController } from './health/health.controller.js';
import { StatsController } from './stats/stats.controller.js';
import { TrafficStatsService } from './stats/traffic-stats.service.js';

/**
 * The inventory service: stock levels and reservations over HTTP, faults injectable at run time,
 * request counts and `/health`. Configured only through `@nestjs/config` namespaces read from
 * environment variables (see the README); tests override the namespaces' providers.
 *
 * @example
 * const app = await NestFactory.create(AppModule);
 * await app.listen(3001, '127.0.0.1');
 */
@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [serverConfig, catalogueConfig] }),
    ScheduleModule.forRoot(),
    TerminusModule,
    // later: BulwarkModule.forRootAsync(...) with the lock options (from LOCK_REDIS_URLS), for @Singleton on RestockJob.restock.
  ],
  controllers: [StockController, ReservationsController, FaultsController, StatsController, HealthController],
  providers: [CatalogueService, FaultInjectionService, FaultInjectionInterceptor, TrafficStatsService, RestockJob],
})
export class AppModule {}
