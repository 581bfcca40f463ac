import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { SchedulerRegistry } from '@nestjs/schedule';
import { catalogueConfig } from '../config/catalogue.config.js';
import { CatalogueService } from './catalogue.service.js';

/**
 * Tops stock back up to its par levels every `RESTOCK_INTERVAL_MS` (off when 0). With several
 * replicas this must run on one of them only: that is what leader election is for.
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
   * Tops every SKU below par back up to it.
   *
   * @returns how many SKUs were topped up
   */
  // later: @Singleton({ mode: 'leader' }) — with several replicas, only the leader restocks.
  restock(): number {
    const restocked = this.catalogue.restock();
    if (restocked > 0) this.logger.log(`Restocked ${restocked} SKU(s) to their par level`);
    return restocked;
  }
}
