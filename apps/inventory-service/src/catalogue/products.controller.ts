import { Body, Controller, Get, Param, Put, UseInterceptors } from '@nestjs/common';
import { FaultInjectionInterceptor } from '../faults/fault-injection.interceptor.js';
import { BodyPipe } from '../http/body.pipe.js';
import { parsePriceChange } from './price-change.request.js';
import { PriceListService } from './price-list.service.js';
import type { PriceChange, Product } from './product.types.js';

/** `GET /products/:sku` and `PUT /products/:sku/price`, under the injected faults. */
@Controller('products')
@UseInterceptors(FaultInjectionInterceptor)
export class ProductsController {
  constructor(private readonly prices: PriceListService) {}

  /**
   * @param sku the SKU
   * @returns `{ sku, name, priceCents, currency, updatedAt }`
   * @throws NotFoundException (404) for an unknown SKU
   */
  @Get(':sku')
  product(@Param('sku') sku: string): Product {
    return this.prices.product(sku);
  }

  /**
   * @param sku the SKU
   * @param change `{ priceCents }`
   * @returns the product with its new price
   * @throws BadRequestException (400) naming the field at fault
   * @throws NotFoundException (404) for an unknown SKU
   */
  @Put(':sku/price')
  setPrice(@Param('sku') sku: string, @Body(new BodyPipe(parsePriceChange)) change: PriceChange): Product {
    return this.prices.setPrice(sku, change.priceCents);
  }
}
