import { Controller, Delete, Get } from '@nestjs/common';
import { TrafficStatsService, type TrafficStats } from './traffic-stats.service.js';

/**
 * How many requests reached the inventory: the number that shows whether the order service's
 * breaker and retry budget spared it during an outage.
 */
@Controller('admin/stats')
export class StatsController {
  constructor(private readonly traffic: TrafficStatsService) {}

  /** @returns the requests received since the start or the last reset */
  @Get()
  stats(): TrafficStats {
    return this.traffic.snapshot();
  }

  /** @returns the counts after starting again from zero */
  @Delete()
  reset(): TrafficStats {
    return this.traffic.reset();
  }
}
