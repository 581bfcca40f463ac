import type { Order } from '../orders/order.types.js';
import { KEPT_RUNS, ReportStore, dayOf } from './report.store.js';
import { NO_SALES, type ReportRun, type SalesTotals } from './report.types.js';

/** The embedded default: the ledger and the runs in this process, seen by this replica only. */
export class MemoryReportStore extends ReportStore {
  readonly backend = 'memory';
  private readonly sales = new Map<string, SalesTotals>();
  private readonly runs: ReportRun[] = [];
  private latestToken = -1;

  /** @param order the confirmed order */
  async recordSale(order: Order): Promise<void> {
    const day = dayOf(new Date(order.createdAt));
    const { orders, units, revenueCents } = this.sales.get(day) ?? NO_SALES;
    this.sales.set(day, { orders: orders + 1, units: units + order.quantity, revenueCents: revenueCents + order.quote.totalCents });
  }

  /** @param day `YYYY-MM-DD` @returns that day's totals */
  async salesOf(day: string): Promise<SalesTotals> {
    return this.sales.get(day) ?? NO_SALES;
  }

  /** @param run the run @param token its term's token @returns false when a newer term stored one */
  async saveRun(run: ReportRun, token: number): Promise<boolean> {
    if (token < this.latestToken) return false;
    this.latestToken = token;
    this.runs.unshift(run);
    this.runs.length = Math.min(this.runs.length, KEPT_RUNS);
    return true;
  }

  /** @returns the latest run, if any */
  async latest(): Promise<ReportRun | undefined> {
    return this.runs[0];
  }

  /** @param limit how many at most @returns the most recent runs, newest first */
  async recent(limit: number): Promise<ReportRun[]> {
    return this.runs.slice(0, limit);
  }
}
