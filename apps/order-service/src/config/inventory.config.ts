import { registerAs } from '@nestjs/config';
import { readBaseUrl, type Env } from 'sample-kit';

/** Where the inventory service is. */
export interface InventoryConfig {
  /** `INVENTORY_URL`, without a trailing slash. @default 'http://127.0.0.1:3001' */
  readonly url: string;
}

/**
 * Builds the `inventory` namespace from environment variables.
 *
 * @param env the variables to read
 * @returns the validated settings
 * @throws Error naming the variable at fault
 * @example
 * inventoryConfigFrom({ INVENTORY_URL: 'http://127.0.0.1:4001' }); // { url: 'http://127.0.0.1:4001' }
 */
export function inventoryConfigFrom(env: Env): InventoryConfig {
  return { url: readBaseUrl(env, 'INVENTORY_URL', 'http://127.0.0.1:3001') };
}

/** The `inventory` config namespace, read from `process.env` at bootstrap. */
export const inventoryConfig = registerAs('inventory', (): InventoryConfig => inventoryConfigFrom(process.env));
