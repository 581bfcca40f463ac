import { LOG_LEVELS, type LogLevel } from '@nestjs/common';

/** Environment variables as `process.env` holds them. */
export type Env = Readonly<Record<string, string | undefined>>;

/** What `LOG_LEVEL` accepts: a Nest log level (that level and the ones above it), or `silent`. */
export const LOG_LEVEL_NAMES = [...LOG_LEVELS, 'silent'] as const;

/**
 * Reads a TCP port.
 *
 * @param env the variables to read
 * @param name the variable, e.g. `INVENTORY_PORT`
 * @param fallback used when the variable is unset or empty
 * @returns a port from 0 (any free port) to 65535
 * @throws Error naming the variable and the value when it is not such a port
 * @example
 * readPort({ INVENTORY_PORT: '3101' }, 'INVENTORY_PORT', 3001); // 3101
 */
export function readPort(env: Env, name: string, fallback: number): number {
  return readInteger(env, name, fallback, 0, 65_535);
}

/**
 * Reads an integer within bounds.
 *
 * @param env the variables to read
 * @param name the variable
 * @param fallback used when the variable is unset or empty
 * @param min the smallest value allowed
 * @param max the largest value allowed
 * @returns the integer
 * @throws Error naming the variable, the value and the range allowed
 * @example
 * readInteger({ RESTOCK_INTERVAL_MS: '0' }, 'RESTOCK_INTERVAL_MS', 60_000, 0, 86_400_000); // 0
 */
export function readInteger(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw new Error(`${name} must be an integer from ${min} to ${max}; got "${raw}".`);
  }
  return value;
}

/**
 * Reads `LOG_LEVEL` into the levels Nest's logger prints.
 *
 * @param env the variables to read
 * @returns the level named and every more severe one; none for `silent`
 * @default 'log' (log, warn, error, fatal)
 * @throws Error listing the accepted values
 * @example
 * readLogLevels({ LOG_LEVEL: 'warn' }); // ['warn', 'error', 'fatal']
 */
export function readLogLevels(env: Env): LogLevel[] {
  const raw = env.LOG_LEVEL?.trim().toLowerCase() || 'log';
  if (raw === 'silent') return [];
  const index = LOG_LEVELS.indexOf(raw as LogLevel);
  if (index < 0) throw new Error(`LOG_LEVEL must be one of ${LOG_LEVEL_NAMES.join(', ')}; got "${env.LOG_LEVEL}".`);
  return LOG_LEVELS.slice(index);
}
