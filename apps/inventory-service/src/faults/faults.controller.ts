import { Body, Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import { BodyPipe } from '../http/body.pipe.js';
import { FaultInjectionService } from './fault-injection.service.js';
import { parseFaultChanges, type FaultSettings } from './fault.settings.js';

/**
 * Injects faults at run time, so a demo or a test can break the inventory and mend it.
 *
 * @example
 * curl -X POST localhost:3001/admin/faults -H 'content-type: application/json' -d '{"outage":true}'
 */
@Controller('admin/faults')
export class FaultsController {
  constructor(private readonly faults: FaultInjectionService) {}

  /** @returns the faults in force */
  @Get()
  current(): FaultSettings {
    return this.faults.settings;
  }

  /**
   * @param changes any of `errorRate` (0..1), `latencyMs` (0..60000), `outage` (boolean)
   * @returns the faults now in force
   * @throws BadRequestException (400) naming the field at fault
   */
  @Post()
  @HttpCode(200)
  inject(@Body(new BodyPipe(parseFaultChanges)) changes: Partial<FaultSettings>): FaultSettings {
    return this.faults.update(changes);
  }

  /** @returns the faults now in force: none */
  @Delete()
  clear(): FaultSettings {
    return this.faults.clear();
  }
}
