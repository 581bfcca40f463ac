/** Orders placed on one day, by every replica that records into the same store. */
export interface SalesTotals {
  readonly orders: number;
  readonly units: number;
  /** The sum of the orders' totals, in cents. */
  readonly revenueCents: number;
}

/** One run of the end-of-day report: who ran it, in which leader term, and what it found. */
export interface ReportRun {
  /** The replica that ran it (`REPLICA_ID`). */
  readonly replica: string;
  /** The fencing token of its leader term: larger for every new term. */
  readonly term: number;
  /** ISO 8601. */
  readonly ranAt: string;
  /** The UTC day reported, `YYYY-MM-DD`. */
  readonly day: string;
  readonly sales: SalesTotals;
}

/** No sales yet. */
export const NO_SALES: SalesTotals = Object.freeze({ orders: 0, units: 0, revenueCents: 0 });
