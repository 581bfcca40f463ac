import { registerAs } from '@nestjs/config';
import { CronTime } from 'cron';
import type { Env } from 'sample-kit';

/** When the end-of-day report runs by default: 23:30 every day, in the process's time zone. */
export const DEFAULT_REPORT_CRON = '0 30 23 * * *';

/** When the report job runs. */
export interface ReportsConfig {
  /** `REPORT_CRON`: a cron expression with seconds, e.g. `* * * * * *` for every second. @default '0 30 23 * * *' */
  readonly cron: string;
}

/**
 * Builds the `reports` namespace from environment variables.
 *
 * @param env the variables to read
 * @returns the validated settings
 * @throws Error naming `REPORT_CRON` when it is not a cron expression
 * @example
 * reportsConfigFrom({ REPORT_CRON: '* * * * * *' }); // { cron: '* * * * * *' }
 */
export function reportsConfigFrom(env: Env): ReportsConfig {
  const cron = env.REPORT_CRON?.trim() || DEFAULT_REPORT_CRON;
  try {
    new CronTime(cron);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`REPORT_CRON must be a cron expression such as "${DEFAULT_REPORT_CRON}" or "* * * * * *" (every second); got "${cron}" (${reason}).`, { cause: error });
  }
  return { cron };
}

/** The `reports` config namespace, read from `process.env` at bootstrap. */
export const reportsConfig = registerAs('reports', (): ReportsConfig => reportsConfigFrom(process.env));
