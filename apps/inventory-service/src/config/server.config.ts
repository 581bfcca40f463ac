import type { LogLevel } from '@nestjs/common';
import { registerAs } from '@nestjs/config';
import { readLogLevels, readPort, type Env } from 'sample-kit';

/** Where and how loudly the inventory service runs. */
export interface ServerConfig {
  /** `INVENTORY_PORT`; 0 picks a free port. @default 3001 */
  readonly port: number;
  /** From `LOG_LEVEL`. @default ['log', 'warn', 'error', 'fatal'] */
  readonly logLevels: LogLevel[];
}

/**
 * Builds the `server` namespace from environment variables.
 *
 * @param env the variables to read
 * @returns the validated settings
 * @throws Error naming the variable at fault
 * @example
 * serverConfigFrom({ INVENTORY_PORT: '0' }).port; // 0
 */
export function serverConfigFrom(env: Env): ServerConfig {
  return { port: readPort(env, 'INVENTORY_PORT', 3001), logLevels: readLogLevels(env) };
}

/** The `server` config namespace, read from `process.env` at bootstrap. */
export const serverConfig = registerAs('server', (): ServerConfig => serverConfigFrom(process.env));
