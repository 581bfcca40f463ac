/** What every candidate of the cache suite caches: a product record, as a catalog would. */
export interface Product {
  readonly sku: string;
  readonly name: string;
  readonly price: number;
  readonly currency: string;
  readonly stock: number;
  readonly tags: readonly string[];
  readonly dimensions: { readonly widthCm: number; readonly heightCm: number; readonly depthCm: number };
  readonly updatedAt: string;
}

/** The key every hit reads: one short string, as `@Cacheable` on `product(sku)` would key it. */
export const HOT_KEY = 'SKU-42';

/** The cached value (about 250 bytes of JSON). */
export const PRODUCT: Product = {
  sku: HOT_KEY,
  name: 'Espresso machine, 15 bar, stainless steel',
  price: 249.9,
  currency: 'EUR',
  stock: 17,
  tags: ['kitchen', 'coffee', 'appliance', 'espresso'],
  dimensions: { widthCm: 30, heightCm: 40, depthCm: 25 },
  updatedAt: '2025-01-01T00:00:00.000Z',
};

/** A timed operation: awaited `batch` times per sample by the harness. */
export type Op = () => PromiseLike<unknown>;

/**
 * Counts factory calls, so a row that claims to measure hits can prove no factory ran.
 *
 * @example
 * const factory = new CountingFactory(PRODUCT);
 * await cache.getOrSet(key, factory.call);
 */
export class CountingFactory<T> {
  /** How many times `call` ran. */
  calls = 0;

  /** @param value what the factory returns */
  constructor(private readonly value: T) {}

  /** The factory; an arrow property, so it can be handed over unbound. */
  readonly call = (): T => {
    this.calls++;
    return this.value;
  };
}

/**
 * Throws when `condition` is false, naming what the bench expected.
 *
 * @param condition what must hold
 * @param expectation what the bench assumed, for the message
 * @throws {Error} when `condition` is false
 */
export function check(condition: boolean, expectation: string): void {
  if (!condition) throw new Error(`cache bench precondition failed: ${expectation}`);
}
