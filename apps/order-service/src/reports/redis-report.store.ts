import { fencedGet, fencedSet } from '@bulwark/redis';
import { Logger, type OnModuleDestroy } from '@nestjs/common';
import { Redis } from 'ioredis';
import type { Order } from '../orders/order.types.js';
import { KEPT_RUNS, ReportStore, dayOf } from './report.store.js';
import { NO_SALES, type ReportRun, type SalesTotals } from './report.types.js';

/** Every key this store writes starts with it. */
export const REPORT_KEY_PREFIX = 'orders:reports:';
const LATEST = `${REPORT_KEY_PREFIX}latest`;
const RUNS = `${REPORT_KEY_PREFIX}runs`;
const salesKey = (day: string): string => `${REPORT_KEY_PREFIX}sales:${day}`;
/** A day's totals are kept a week. */
const SALES_TTL_SECONDS = 7 * 86_400;

/**
 * The ledger and the runs in Redis (`REDIS_URL`), shared by every replica: whichever replica
 * leads writes the report, and `GET /reports/latest` on any replica shows it. The latest run is
 * written with `fencedSet`, so a leader paused past its term cannot overwrite its successor's.
 */
export class RedisReportStore extends ReportStore implements OnModuleDestroy {
  readonly backend = 'redis';
  private readonly logger = new Logger('ReportStore');
  private readonly client: Redis;
  private failing = false;

  /** @param url the `REDIS_URL` */
  constructor(url: string) {
    super();
    this.client = new Redis(url, { maxRetriesPerRequest: 1, commandTimeout: 1_000 });
    // One warning per outage, not one per reconnection attempt.
    this.client.on('error', (error: Error) => {
      if (!this.failing) this.logger.warn(`Redis at ${url} failed: ${error.message}; sales are not recorded until it is back.`);
      this.failing = true;
    });
    this.client.on('ready', () => (this.failing = false));
  }

  /** @param order the confirmed order; a Redis failure is logged */
  async recordSale(order: Order): Promise<void> {
    const key = salesKey(dayOf(new Date(order.createdAt)));
    try {
      await this.client
        .multi()
        .hincrby(key, 'orders', 1)
        .hincrby(key, 'units', order.quantity)
        .hincrby(key, 'revenueCents', order.quote.totalCents)
        .expire(key, SALES_TTL_SECONDS)
        .exec();
    } catch (error) {
      this.logger.warn(`Order ${order.id} was placed but not recorded for the report: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** @param day `YYYY-MM-DD` @returns that day's totals */
  async salesOf(day: string): Promise<SalesTotals> {
    const fields = await this.client.hgetall(salesKey(day));
    if (Object.keys(fields).length === 0) return NO_SALES;
    return { orders: Number(fields.orders ?? 0), units: Number(fields.units ?? 0), revenueCents: Number(fields.revenueCents ?? 0) };
  }

  /** @param run the run @param token its term's token @returns false when a newer term stored one */
  async saveRun(run: ReportRun, token: number): Promise<boolean> {
    const json = JSON.stringify(run);
    if (!(await fencedSet(this.client, LATEST, token, json))) return false;
    await this.client.multi().lpush(RUNS, json).ltrim(RUNS, 0, KEPT_RUNS - 1).exec();
    return true;
  }

  /** @returns the latest run, if any */
  async latest(): Promise<ReportRun | undefined> {
    const stored = await fencedGet(this.client, LATEST);
    return stored === undefined ? undefined : (JSON.parse(stored.value) as ReportRun);
  }

  /** @param limit how many at most @returns the most recent runs, newest first */
  async recent(limit: number): Promise<ReportRun[]> {
    return (await this.client.lrange(RUNS, 0, limit - 1)).map((json) => JSON.parse(json) as ReportRun);
  }

  /** Closes the connection. */
  async onModuleDestroy(): Promise<void> {
    await this.client.quit().catch(() => this.client.disconnect());
  }
}
