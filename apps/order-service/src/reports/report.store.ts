import type { Order } from '../orders/order.types.js';
import type { ReportRun, SalesTotals } from './report.types.js';

/** How many report runs a store keeps. */
export const KEPT_RUNS = 100;

/**
 * Where the sales ledger and the report runs live: in this process (`MemoryReportStore`), or in
 * Redis (`RedisReportStore`, with `REDIS_URL`) where every replica sees the same. The class is
 * also the injection token.
 */
export abstract class ReportStore {
  /** `'memory'` or `'redis'`. */
  abstract readonly backend: 'memory' | 'redis';

  /**
   * Adds an order to its day's totals. Best effort: a failure is logged, never thrown, since the
   * order itself has been placed.
   *
   * @param order the confirmed order
   */
  abstract recordSale(order: Order): Promise<void>;

  /**
   * @param day `YYYY-MM-DD` (UTC)
   * @returns that day's totals
   */
  abstract salesOf(day: string): Promise<SalesTotals>;

  /**
   * Stores a run as the latest unless a run of a newer leader term was stored already (fencing).
   *
   * @param run the run
   * @param token the fencing token of the term that ran it
   * @returns true when stored; false when refused
   */
  abstract saveRun(run: ReportRun, token: number): Promise<boolean>;

  /** @returns the latest run stored, if any */
  abstract latest(): Promise<ReportRun | undefined>;

  /**
   * @param limit how many runs at most
   * @returns the most recent runs, newest first
   */
  abstract recent(limit: number): Promise<ReportRun[]>;
}

/**
 * The UTC day of an instant.
 *
 * @param at the instant
 * @returns `YYYY-MM-DD`
 * @example
 * dayOf(new Date('2026-12-04T16:49:10Z')); // '2026-12-04'
 */
export function dayOf(at: Date): string {
  return at.toISOString().slice(0, 10);
}
