import { LOG_LEVELS, type LogLevel } from '@nestjs/common';
import { hostname } from 'node:os';

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
 * readInteger({ ORDER_PORT: '8080' }, 'ORDER_PORT', 3000, 0, 65_535); // 8080
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

/**
 * Reads an `http:` or `https:` base URL.
 *
 * @param env the variables to read
 * @param name the variable, e.g. `INVENTORY_URL`
 * @param fallback used when the variable is unset or empty
 * @returns the URL without a trailing slash
 * @throws Error naming the variable and the value when it is not such a URL
 * @example
 * readBaseUrl({ INVENTORY_URL: 'http://inventory:3001/' }, 'INVENTORY_URL', 'http://127.0.0.1:3001'); // 'http://inventory:3001'
 */
export function readBaseUrl(env: Env, name: string, fallback: string): string {
  const raw = env[name]?.trim() || fallback;
  if (!URL.canParse(raw) || !/^https?:$/.test(new URL(raw).protocol)) {
    throw new Error(`${name} must be an http:// or https:// URL such as ${fallback}; got "${raw}".`);
  }
  return raw.replace(/\/+$/, '');
}

/**
 * Reads a `redis://` or `rediss://` URL.
 *
 * @param env the variables to read
 * @param name the variable, e.g. `REDIS_URL`
 * @returns the URL, or `undefined` when the variable is unset or empty
 * @throws Error naming the variable and the value when it is not such a URL
 * @example
 * readRedisUrl({ REDIS_URL: 'redis://127.0.0.1:6380' }, 'REDIS_URL'); // 'redis://127.0.0.1:6380'
 */
export function readRedisUrl(env: Env, name: string): string | undefined {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return undefined;
  return checkRedisUrl(name, raw);
}

/**
 * Reads a comma-separated list of `redis://` or `rediss://` URLs.
 *
 * @param env the variables to read
 * @param name the variable, e.g. `LOCK_REDIS_URLS`
 * @returns the URLs, or `undefined` when the variable is unset or empty
 * @throws Error naming the variable and the entry at fault
 * @example
 * readRedisUrls({ LOCK_REDIS_URLS: 'redis://a:6379, redis://b:6379' }, 'LOCK_REDIS_URLS'); // ['redis://a:6379', 'redis://b:6379']
 */
export function readRedisUrls(env: Env, name: string): string[] | undefined {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return undefined;
  return raw.split(',').map((entry) => checkRedisUrl(name, entry.trim()));
}

/**
 * Reads `REPLICA_ID`: how this process names itself to the other replicas (in the leader election).
 *
 * @param env the variables to read
 * @returns 1 to 64 of letters, digits, `.`, `_`, `:` and `-`
 * @default `<hostname>-<pid>`
 * @throws Error naming the variable and the value when it is not such a text
 * @example
 * readReplicaId({ REPLICA_ID: 'orders-2' }); // 'orders-2'
 */
export function readReplicaId(env: Env): string {
  const raw = env.REPLICA_ID?.trim();
  if (raw === undefined || raw === '') return `${hostname()}-${process.pid}`;
  if (!/^[A-Za-z0-9._:-]{1,64}$/.test(raw)) throw new Error(`REPLICA_ID must be 1 to 64 letters, digits, '.', '_', ':' or '-'; got "${raw}".`);
  return raw;
}

function checkRedisUrl(name: string, raw: string): string {
  if (!URL.canParse(raw) || !/^rediss?:$/.test(new URL(raw).protocol)) {
    throw new Error(`${name} must be a redis:// or rediss:// URL such as redis://127.0.0.1:6379${name.endsWith('S') ? ' (several: comma-separated)' : ''}; got "${raw}".`);
  }
  return raw;
}
