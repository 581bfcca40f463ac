import type { RedisOptions } from 'ioredis';

/**
 * ioredis options that make a cache connection fail fast instead of queueing, so a Redis outage
 * costs callers at most `commandTimeoutMs` and the circuit breaker sees it at once: no offline
 * queue, no command replayed after a reconnect, a per-command timeout, and reconnection attempts
 * every 50 ms to 1 s for as long as it takes.
 *
 * @param commandTimeoutMs the longest one command may take
 * @returns options to spread into `new Redis(...)` (yours may override them)
 * @example
 * const client = new Redis({ ...failFastRedisOptions(100), host: 'redis', port: 6379 });
 */
export function failFastRedisOptions(commandTimeoutMs: number): RedisOptions {
  return {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: commandTimeoutMs,
    connectTimeout: Math.max(1_000, commandTimeoutMs * 10),
    retryStrategy: (attempt) => Math.min(50 * attempt, 1_000),
  };
}
