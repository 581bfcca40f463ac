import type { CircuitBreakerDecoratorOptions, RetryPolicyOptions } from '@bulwark/nestjs';
import { countsAgainstInventory, isTransientInventoryError } from './inventory.errors.js';

// Functions cannot come from the environment, so they are given inline; the numbers come from the
// `inventory` entries of the Bulwark options (bulwark.config.ts, BULWARK__*). Every method naming
// the one `inventory` breaker passes these very same options, as methods sharing a breaker must.

/** The inline options of every `@Retry('inventory')`: only transient failures are retried. */
export const INVENTORY_RETRY: RetryPolicyOptions = { retryOn: isTransientInventoryError };

/** The inline options of every `@CircuitBreaker('inventory')`: a 4xx answer is not a failure. */
export const INVENTORY_BREAKER: CircuitBreakerDecoratorOptions = { isFailure: countsAgainstInventory };
