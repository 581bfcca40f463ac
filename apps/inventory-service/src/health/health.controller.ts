import { BulwarkLockHealthIndicator } from '@bulwark/nestjs/health';
import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService, type HealthCheckResult } from '@nestjs/terminus';
import { CatalogueService } from '../catalogue/catalogue.service.js';
import { FaultInjectionService } from '../faults/fault-injection.service.js';

/**
 * `/health`: up with the catalogue's size, down (503) while an outage is injected; `locks` shows
 * the lock nodes and who leads the restock job's election.
 */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly catalogue: CatalogueService,
    private readonly faults: FaultInjectionService,
    private readonly locks: BulwarkLockHealthIndicator,
  ) {}

  /** @returns terminus's result with the `catalogue` and `locks` indicators */
  @Get()
  @HealthCheck()
  check(): Promise<HealthCheckResult> {
    return this.health.check([
      () => {
        const session = this.indicators.check('catalogue');
        const skus = this.catalogue.size;
        return this.faults.settings.outage ? session.down({ skus, reason: 'injected outage' }) : session.up({ skus });
      },
      () => this.locks.isHealthy(),
    ]);
  }
}
