import { Controller, Get, Param } from '@nestjs/common';
import { toHttpException } from '../inventory/inventory.errors.js';
import type { Stock } from '../inventory/stock.types.js';
import { StockService } from './stock.service.js';

/** `GET /stock/:sku`, through the `stock` cache and the protected inventory client. */
@Controller('stock')
export class StockController {
  constructor(private readonly stockService: StockService) {}

  /**
   * @param sku the SKU
   * @returns `{ sku, level, degraded: false }`, or while the inventory cannot be asked
   *   `{ sku, level (last known, or null), degraded: true, reason, asOf? }`
   * @throws 404 for an unknown SKU (the inventory's own answer)
   */
  @Get(':sku')
  stock(@Param('sku') sku: string): Promise<Stock> {
    return this.stockService.stock(sku).catch((error: unknown) => {
      throw toHttpException(error);
    });
  }
}
