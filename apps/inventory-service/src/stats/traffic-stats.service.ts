import { Injectable } from '@nestjs/common';

/** The requests that reached the business routes since the start or the last reset. */
export interface TrafficStats {
  readonly total: number;
  /** Requests per route, e.g. `{ 'GET /stock/:sku': 3 }`. */
  readonly byRoute: Readonly<Record<string, number>>;
  /** When counting started, ISO 8601. */
  readonly since: string;
}

/** Counts the requests that reach the inventory, so a demo can show how many calls got through. */
@Injectable()
export class TrafficStatsService {
  private total = 0;
  private byRoute = new Map<string, number>();
  private since = new Date();

  /** @param route the route a request reached, e.g. `GET /stock/:sku` */
  record(route: string): void {
    this.total++;
    this.byRoute.set(route, (this.byRoute.get(route) ?? 0) + 1);
  }

  /** @returns the counts so far */
  snapshot(): TrafficStats {
    return { total: this.total, byRoute: Object.fromEntries(this.byRoute), since: this.since.toISOString() };
  }

  /** @returns the counts after starting again from zero */
  reset(): TrafficStats {
    this.total = 0;
    this.byRoute = new Map();
    this.since = new Date();
    return this.snapshot();
  }
}
