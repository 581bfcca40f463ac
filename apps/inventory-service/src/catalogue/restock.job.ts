import { Singleton } from '@bulwark/nestjs';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { SchedulerRegistry } from '@nestjs/schedule';
import { catalogueConfig } from '../config/catalogue.config.js';
import { CatalogueService } from './catalogue.service.js';

/**
 * Tops stock back up to its par levels every `RESTOCK_INTERVAL_MS` (off when 0). The interval
 * fires on every replica; `@Singleton({ mode: 'leader' })` lets the job run only on the one that
 * leads the `inventory-service` election (with `LOCK_REDIS_URLS` or `REDIS_URL`; without, each
 * replica is alone and leads).
 */
@Injectable()
export class RestockJob implements OnApplicationBootstrap {
  private readonly logger = new Logger(RestockJob.name);

  constructor(
    @Inject(catalogueConfig.KEY) private readonly config: ConfigType<typeof catalogueConfig>,
    private readonly catalogue: CatalogueService,
    private readonly scheduler: SchedulerRegistry,
  ) {}

  /** Schedules the job; `ScheduleModule` clears the interval when the application closes. */
  onApplicationBootstrap(): void {
    const { restockIntervalMs } = this.config;
    if (restockIntervalMs === 0) return;
    this.scheduler.addInterval('restock', setInterval(() => this.restock(), restockIntervalMs));
  }

  /**
   * Tops every SKU below par back up to it; skipped on a replica that does not lead.
   *
   * @returns how many SKUs were topped up, or `undefined` where skipped
   */
  @Singleton({ mode: 'leader' })
  restock(): number | undefined {
    const restocked = this.catalogue.restock();
    if (restocked > 0) this.logger.log(`Restocked ${restocked} SKU(s) to their par level`);
    return restocked;
  }
}
