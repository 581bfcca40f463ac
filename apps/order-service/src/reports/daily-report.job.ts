import { Singleton, SingletonContext } from '@bulwark/nestjs';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { Cron, SchedulerRegistry } from '@nestjs/schedule';
import { CronTime } from 'cron';
import { deploymentConfig } from '../config/deployment.config.js';
import { DEFAULT_REPORT_CRON, reportsConfig } from '../config/reports.config.js';
import { ReportStore, dayOf } from './report.store.js';
import type { ReportRun } from './report.types.js';

/** The name of the report's cron job in the `SchedulerRegistry`. */
export const REPORT_JOB = 'daily-report';

/**
 * The end-of-day sales report. `@Cron` fires on every replica; `@Singleton({ mode: 'leader' })`
 * lets it run only on the replica that leads the `order-service` election, so each tick makes one
 * report however many replicas there are (with `LOCK_REDIS_URLS` or `REDIS_URL`; without, every
 * replica is alone and leads). The report is stored with its term's fencing token.
 *
 * The schedule in `@Cron` is the default; `REPORT_CRON` replaces it at bootstrap (the job is
 * registered disabled, then rescheduled and started), e.g. `* * * * * *` for every second.
 */
@Injectable()
export class DailyReportJob implements OnApplicationBootstrap {
  private readonly logger = new Logger(DailyReportJob.name);

  constructor(
    @Inject(reportsConfig.KEY) private readonly config: ConfigType<typeof reportsConfig>,
    @Inject(deploymentConfig.KEY) private readonly deployment: ConfigType<typeof deploymentConfig>,
    private readonly store: ReportStore,
    private readonly singleton: SingletonContext,
    private readonly scheduler: SchedulerRegistry,
  ) {}

  /** Puts the job on the configured schedule and starts it. */
  onApplicationBootstrap(): void {
    const job = this.scheduler.getCronJob(REPORT_JOB);
    job.setTime(new CronTime(this.config.cron));
    job.start();
  }

  /**
   * Totals the day's sales and stores the report; on a follower the call is skipped.
   *
   * @returns the run, or `undefined` where skipped
   * @throws Error when a newer leader has stored a report since this term began (the run is dropped)
   */
  @Cron(DEFAULT_REPORT_CRON, { name: REPORT_JOB, disabled: true })
  @Singleton({ mode: 'leader' })
  async run(): Promise<ReportRun | undefined> {
    const { token } = this.singleton.current()!;
    const ranAt = new Date();
    const day = dayOf(ranAt);
    const run: ReportRun = { replica: this.deployment.replicaId, term: token, ranAt: ranAt.toISOString(), day, sales: await this.store.salesOf(day) };
    if (!(await this.store.saveRun(run, token))) throw new Error(`Report of ${day} dropped: a leader with a newer term than ${token} has stored one.`);
    this.logger.debug(`Report of ${day} by ${run.replica} (term ${token}): ${run.sales.orders} orders, ${run.sales.units} units`);
    return run;
  }
}
