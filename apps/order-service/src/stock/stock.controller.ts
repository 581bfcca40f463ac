import { Controller, Get, Param } from '@nestjs/common';
import { InventoryClient } from '../inventory/inventory.client.js';
import { toHttpException } from '../inventory/inventory.errors.js';
import type { Stock } from '../inventory/stock.types.js';

/** `GET /stock/:sku`, through the protected inventory client. */
@Controller('stock')
export class StockController {
  constructor(private readonly inventory: InventoryClient) {}

  /**
   * @param sku the SKU
   * @returns `{ sku, level, degraded: false }`, or while the inventory cannot be asked
   *   `{ sku, level (last known, or null), degraded: true, reason, asOf? }`
   * @throws 404 for an unknown SKU (the inventory's own answer)
   */
  @Get(':sku')
  stock(@Param('sku') sku: string): Promise<Stock> {
    return this.inventory.stock(sku).catch((error: unknown) => {
      throw toHttpException(error);
    });
  }
}
