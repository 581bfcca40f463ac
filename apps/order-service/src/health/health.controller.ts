import { BulwarkHealthIndicator, BulwarkLockHealthIndicator } from '@bulwark/nestjs/health';
import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService, type HealthCheckResult } from '@nestjs/terminus';
import { CacheTierIndicator } from './cache-tier.indicator.js';

/**
 * `/health`: every circuit breaker's state (`circuitBreakers`), where the caches live (`cache`),
 * and the lock nodes and the current leader of the `order-service` election (`locks`). An open
 * `inventory` circuit is listed under `degraded` (HTTP 200) by default, since stock lookups are
 * still answered from the cache; `BULWARK__HEALTH__OPEN_CIRCUIT=down` makes it a 503 instead. A
 * majority of lock nodes unreachable is a 503: the report job then runs nowhere.
 */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly bulwark: BulwarkHealthIndicator,
    private readonly cacheTier: CacheTierIndicator,
    private readonly locks: BulwarkLockHealthIndicator,
  ) {}

  /** @returns terminus's result with the `circuitBreakers`, `cache` and `locks` indicators */
  @Get()
  @HealthCheck()
  check(): Promise<HealthCheckResult> {
    return this.health.check([() => this.bulwark.isHealthy(), () => this.cacheTier.isHealthy(), () => this.locks.isHealthy()]);
  }
}
