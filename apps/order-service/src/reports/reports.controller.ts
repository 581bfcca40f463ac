import { Controller, Get, Inject, NotFoundException } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { reportsConfig } from '../config/reports.config.js';
import { ReportStore } from './report.store.js';
import type { ReportRun } from './report.types.js';

/** How many runs `GET /reports` lists. */
export const LISTED_RUNS = 20;

/** `GET /reports/latest` and `GET /reports`: what the leader-only report job produced. */
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly store: ReportStore,
    @Inject(reportsConfig.KEY) private readonly config: ConfigType<typeof reportsConfig>,
  ) {}

  /**
   * @returns the latest run: which replica ran it, in which term, and the day's totals
   * @throws NotFoundException (404) before the first run, saying when it runs
   */
  @Get('latest')
  async latest(): Promise<ReportRun> {
    const run = await this.store.latest();
    if (run === undefined) {
      throw new NotFoundException(`No report has run yet: it runs on REPORT_CRON "${this.config.cron}", on the leader replica (${this.store.backend} store).`);
    }
    return run;
  }

  /** @returns `{ store, runs }`: the most recent runs, newest first */
  @Get()
  async recent(): Promise<{ store: 'memory' | 'redis'; runs: ReportRun[] }> {
    return { store: this.store.backend, runs: await this.store.recent(LISTED_RUNS) };
  }
}
