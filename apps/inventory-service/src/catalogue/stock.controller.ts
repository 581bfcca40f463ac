import { Controller, Get, Param, UseInterceptors } from '@nestjs/common';
import { FaultInjectionInterceptor } from '../faults/fault-injection.interceptor.js';
import { CatalogueService } from './catalogue.service.js';
import type { StockLevel } from './stock.types.js';

/** `GET /stock/:sku`: a SKU's stock level, under the injected faults. */
@Controller('stock')
@UseInterceptors(FaultInjectionInterceptor)
export class StockController {
  constructor(private readonly catalogue: CatalogueService) {}

  /**
   * @param sku the SKU
   * @returns `{ sku, level }`
   * @throws NotFoundException (404) for an unknown SKU
   */
  @Get(':sku')
  stock(@Param('sku') sku: string): StockLevel {
    return this.catalogue.stock(sku);
  }
}
