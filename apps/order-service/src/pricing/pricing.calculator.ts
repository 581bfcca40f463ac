import { Memoize } from '@bulwark/core';
import { Injectable } from '@nestjs/common';
import { FREE_SHIPPING_FROM_CENTS, SHIPPING_CENTS, VOLUME_DISCOUNTS, type PriceQuote } from './price-quote.js';

/**
 * Prices an order line: volume discount tiers, then shipping. The calculation is pure — the same
 * unit price and quantity always give the same quote — so `@Memoize` keeps each result (the 10 000
 * most recently used) and a repeated quote is a map lookup. Quotes are frozen: every caller shares one.
 */
@Injectable()
export class PricingCalculator {
  private computedQuotes = 0;

  /** How many quotes were computed rather than remembered: the memo's misses. */
  get computed(): number {
    return this.computedQuotes;
  }

  /**
   * @param unitPriceCents the product's unit price, in cents
   * @param quantity how many units
   * @returns the quote, remembered for these two numbers
   * @example
   * pricing.quote(8900, 12).totalCents; // 101460: 106800 less 5 %, shipping free
   */
  @Memoize({ max: 10_000 })
  quote(unitPriceCents: number, quantity: number): PriceQuote {
    this.computedQuotes++;
    const subtotalCents = unitPriceCents * quantity;
    const rate = VOLUME_DISCOUNTS.find((tier) => quantity >= tier.from)?.rate ?? 0;
    const discountCents = Math.round(subtotalCents * rate);
    const shippingCents = subtotalCents - discountCents >= FREE_SHIPPING_FROM_CENTS ? 0 : SHIPPING_CENTS;
    return Object.freeze({
      unitPriceCents,
      quantity,
      subtotalCents,
      discountCents,
      shippingCents,
      totalCents: subtotalCents - discountCents + shippingCents,
      currency: 'EUR',
    });
  }
}
