import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { BodyPipe } from '../http/body.pipe.js';
import { toHttpException } from '../inventory/inventory.errors.js';
import type { PriceQuote } from '../pricing/price-quote.js';
import { PricingCalculator } from '../pricing/pricing.calculator.js';
import { parseQuoteQuantity } from '../pricing/quote.request.js';
import { CatalogClient } from './catalog.client.js';
import { parsePriceChange } from './price-change.request.js';
import type { PriceChange, Product } from './product.types.js';

/** `GET /products/:sku`, `PUT /products/:sku/price` and `GET /products/:sku/quote?quantity=`. */
@Controller('products')
export class ProductsController {
  constructor(
    private readonly catalog: CatalogClient,
    private readonly pricing: PricingCalculator,
  ) {}

  /**
   * @param sku the SKU
   * @returns the product, through the `catalog` cache
   * @throws 404 for an unknown SKU; 503 (with Retry-After while the circuit is open) or 504 when
   *   the inventory cannot be asked and nothing is cached
   */
  @Get(':sku')
  product(@Param('sku') sku: string): Promise<Product> {
    return this.catalog.product(sku).catch(rethrowAsHttp);
  }

  /**
   * @param sku the SKU
   * @param change `{ priceCents }`
   * @returns the product with its new price; every replica's cached copy is evicted
   * @throws 400 naming the field at fault, 404 for an unknown SKU, 503/504 as for a read
   */
  @Put(':sku/price')
  setPrice(@Param('sku') sku: string, @Body(new BodyPipe(parsePriceChange)) change: PriceChange): Promise<Product> {
    return this.catalog.setPrice(sku, change.priceCents).catch(rethrowAsHttp);
  }

  /**
   * @param sku the SKU
   * @param quantity units, 1 to 1000 @default 1
   * @returns what ordering them costs now: `{ sku, ...PriceQuote }`
   * @throws 400 naming `quantity`, and what a product read throws
   */
  @Get(':sku/quote')
  async quote(@Param('sku') sku: string, @Query('quantity') quantity?: string): Promise<{ sku: string } & PriceQuote> {
    const units = parseQuoteQuantity(quantity);
    const product = await this.catalog.product(sku).catch(rethrowAsHttp);
    return { sku, ...this.pricing.quote(product.priceCents, units) };
  }
}

function rethrowAsHttp(error: unknown): never {
  throw toHttpException(error);
}
