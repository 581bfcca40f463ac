import { BulwarkHealthIndicator } from '@bulwark/nestjs/health';
import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService, type HealthCheckResult } from '@nestjs/terminus';

/**
 * `/health`: the state of every circuit breaker. An open `inventory` circuit is listed under
 * `degraded` (HTTP 200) by default, since stock lookups are still answered from the last known
 * levels; `BULWARK__HEALTH__OPEN_CIRCUIT=down` makes it a 503 instead.
 */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly bulwark: BulwarkHealthIndicator,
  ) {}

  /** @returns terminus's result with a `circuitBreakers` indicator */
  @Get()
  @HealthCheck()
  check(): Promise<HealthCheckResult> {
    return this.health.check([() => this.bulwark.isHealthy()]);
  }
}
