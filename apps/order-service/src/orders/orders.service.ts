import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { CatalogClient } from '../catalog/catalog.client.js';
import { InventoryClient } from '../inventory/inventory.client.js';
import { toHttpException } from '../inventory/inventory.errors.js';
import { PricingCalculator } from '../pricing/pricing.calculator.js';
import { ReportStore } from '../reports/report.store.js';
import { StockService } from '../stock/stock.service.js';
import type { Order, OrderRequest } from './order.types.js';

/** Places orders by reserving their units in the inventory, and keeps them in memory. */
@Injectable()
export class OrdersService {
  private readonly orders = new Map<string, Order>();

  constructor(
    private readonly stock: StockService,
    private readonly catalog: CatalogClient,
    private readonly pricing: PricingCalculator,
    private readonly inventory: InventoryClient,
    private readonly reports: ReportStore,
  ) {}

  /**
   * Checks the stock, prices the order, reserves the units and records the order. The stock check
   * saves a reservation that would fail; it is skipped when the level is only the last known one,
   * and the reservation (which has no fallback) decides.
   *
   * @param request what to order
   * @returns the confirmed order, with its price quote
   * @throws ConflictException (409) when not enough units are in stock
   * @throws NotFoundException (404) for an unknown SKU
   * @throws BrokenCircuitError while the `inventory` circuit refuses calls (503 with Retry-After)
   * @throws ServiceUnavailableException (503) or TimeoutError (504) when the inventory did not answer
   */
  async place(request: OrderRequest): Promise<Order> {
    try {
      const stock = await this.stock.stock(request.sku);
      if (!stock.degraded && stock.level < request.quantity) throw notEnough(request, stock.level);
      const product = await this.catalog.product(request.sku);
      const quote = this.pricing.quote(product.priceCents, request.quantity);
      const id = randomUUID();
      const reservation = await this.inventory.reserve({ reservationId: id, sku: request.sku, quantity: request.quantity });
      await this.stock.reserved(reservation);
      const order: Order = { id, sku: request.sku, quantity: request.quantity, status: 'confirmed', createdAt: new Date().toISOString(), quote };
      this.orders.set(id, order);
      await this.reports.recordSale(order);
      return order;
    } catch (error) {
      throw toHttpException(error);
    }
  }

  /**
   * @param id the order's id
   * @returns the order
   * @throws NotFoundException (404) for an unknown id
   */
  find(id: string): Order {
    const order = this.orders.get(id);
    if (order === undefined) throw new NotFoundException(`No order "${id}".`);
    return order;
  }
}

function notEnough(request: OrderRequest, level: number): ConflictException {
  return new ConflictException({
    statusCode: 409,
    error: 'Conflict',
    message: `Only ${level} of ${request.sku} in stock; ${request.quantity} requested.`,
    sku: request.sku,
    available: level,
  });
}
