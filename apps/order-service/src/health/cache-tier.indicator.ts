import { BulwarkCaches } from '@bulwark/nestjs';
import { Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';

/**
 * Says where the caches keep their entries: `memory` (the embedded default), or `redis` (memory
 * in front of Redis, with `REDIS_URL`) with the state of the Redis tier's breaker. Always `up`:
 * the caches fail open, so a Redis outage costs hit rate, not answers.
 */
@Injectable()
export class CacheTierIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly caches: BulwarkCaches,
  ) {}

  /**
   * @returns `{ cache: { status: 'up', tier: 'memory' } }`, or with Redis
   *   `{ cache: { status: 'up', tier: 'redis', redis: <breaker state> } }`
   */
  isHealthy(): HealthIndicatorResult<'cache'> {
    const session = this.indicators.check('cache');
    const tier = this.caches.backend.tier;
    return tier === undefined ? session.up({ tier: 'memory' }) : session.up({ tier: 'redis', redis: tier.l2.breaker.state });
  }
}
