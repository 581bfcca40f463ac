import { Injectable, NotFoundException } from '@nestjs/common';
import type { Product } from './product.types.js';

/** The products the sample starts with: the same SKUs as the stock. */
const STARTING_PRICES: ReadonlyArray<readonly [sku: string, name: string, priceCents: number]> = [
  ['SKU-1', 'Trail running shoes', 8_900],
  ['SKU-2', 'Rain jacket', 12_900],
  ['SKU-3', 'Merino socks', 1_500],
  ['SKU-4', 'Head torch', 3_500],
];

/** The names and unit prices of the catalogue, in memory; prices can be changed. */
@Injectable()
export class PriceListService {
  private readonly products = new Map<string, Product>();

  constructor() {
    const updatedAt = new Date().toISOString();
    for (const [sku, name, priceCents] of STARTING_PRICES) this.products.set(sku, { sku, name, priceCents, currency: 'EUR', updatedAt });
  }

  /**
   * @param sku the SKU
   * @returns the product
   * @throws NotFoundException naming the SKU and the known ones
   */
  product(sku: string): Product {
    const product = this.products.get(sku);
    if (product === undefined) {
      throw new NotFoundException(`Unknown SKU "${sku}"; the catalogue holds ${[...this.products.keys()].join(', ')}.`);
    }
    return product;
  }

  /**
   * @param sku the SKU
   * @param priceCents the new unit price, in cents
   * @returns the product with its new price
   * @throws NotFoundException for an unknown SKU
   */
  setPrice(sku: string, priceCents: number): Product {
    const changed: Product = { ...this.product(sku), priceCents, updatedAt: new Date().toISOString() };
    this.products.set(sku, changed);
    return changed;
  }
}
