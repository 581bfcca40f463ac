import { registerAs } from '@nestjs/config';
import { readInteger, type Env } from 'sample-kit';

const ONE_DAY_MS = 86_400_000;

/** How the catalogue behaves over time. */
export interface CatalogueConfig {
  /** `RESTOCK_INTERVAL_MS`: how often stock is topped up to its par level; 0 turns restocking off. @default 60000 */
  readonly restockIntervalMs: number;
}

/**
 * Builds the `catalogue` namespace from environment variables.
 *
 * @param env the variables to read
 * @returns the validated settings
 * @throws Error naming the variable at fault
 * @example
 * catalogueConfigFrom({ RESTOCK_INTERVAL_MS: '0' }); // { restockIntervalMs: 0 }
 */
export function catalogueConfigFrom(env: Env): CatalogueConfig {
  return { restockIntervalMs: readInteger(env, 'RESTOCK_INTERVAL_MS', 60_000, 0, ONE_DAY_MS) };
}

/** The `catalogue` config namespace, read from `process.env` at bootstrap. */
export const catalogueConfig = registerAs('catalogue', (): CatalogueConfig => catalogueConfigFrom(process.env));
