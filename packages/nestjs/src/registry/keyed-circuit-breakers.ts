import type { CircuitBreakerPolicy } from '@bulwark/core';

/**
 * Per-key circuit breakers (one per host, tenant...), created on first use and bounded: past
 * `maxKeys`, the least recently used breaker is evicted, so keys from user input cannot grow
 * memory without limit.
 */
export class KeyedCircuitBreakers {
  private readonly breakers = new Map<string, CircuitBreakerPolicy>();

  /**
   * @param create builds the breaker for a new key
   * @param maxKeys how many breakers are kept at most
   * @param onEvict told about each evicted breaker
   */
  constructor(
    private readonly create: (key: string) => CircuitBreakerPolicy,
    private readonly maxKeys: number,
    private readonly onEvict: (breaker: CircuitBreakerPolicy) => void,
  ) {}

  /**
   * @param key the key computed from the call's arguments
   * @returns the key's breaker, created if needed and marked as most recently used
   */
  get(key: string): CircuitBreakerPolicy {
    const existing = this.breakers.get(key);
    if (existing) {
      // Re-inserting moves the key to the end of the Map's order: the most recently used.
      this.breakers.delete(key);
      this.breakers.set(key, existing);
      return existing;
    }
    const created = this.create(key);
    this.breakers.set(key, created);
    if (this.breakers.size > this.maxKeys) this.evictLeastRecentlyUsed();
    return created;
  }

  /** @returns how many keys have a breaker now */
  get size(): number {
    return this.breakers.size;
  }

  private evictLeastRecentlyUsed(): void {
    const [oldestKey, oldest] = this.breakers.entries().next().value!;
    this.breakers.delete(oldestKey);
    this.onEvict(oldest);
  }
}
