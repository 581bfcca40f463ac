import { bulwarkOptionsFromEnv, type BulwarkModuleOptions } from '@bulwark/nestjs';
import { registerAs } from '@nestjs/config';
import { deploymentConfigFrom, type DeploymentConfig } from './deployment.config.js';
import type { Env } from 'sample-kit';
import { mergeOptions } from './merge-options.js';

/** The cache of stock levels read from the inventory. */
export const STOCK_CACHE = 'stock';
/** The cache of products (names and prices) read from the inventory. */
export const CATALOG_CACHE = 'catalog';
/** The election of this service's leader-only jobs (the inventory's is another). */
export const ORDER_ELECTION = 'order-service';

/**
 * How the order service protects its calls to the inventory, before any `BULWARK__*` override.
 * The retry, the breaker and the timeout share the name `inventory`, so
 * `BULWARK__RETRIES__INVENTORY__MAX_ATTEMPTS=5` or `BULWARK__CIRCUIT_BREAKERS__INVENTORY__OPEN_DURATION=30s`
 * tune them from the environment.
 */
export const SAMPLE_POLICIES = {
  circuitBreakers: {
    // Opens after 5 failures in a row, or when half of the last 20 calls (at least 10) failed.
    inventory: { consecutiveFailures: 5, window: { type: 'count', size: 20 }, minimumCalls: 10, failureRateThreshold: 0.5, openDuration: '15s' },
  },
  retries: {
    // Retries may add at most 20 % to the calls in a 10 s window, plus 1 per second, so an outage cannot start a retry storm.
    inventory: {
      maxAttempts: 3,
      backoff: 'exponential',
      delay: '100ms',
      maxDelay: '1s',
      jitter: 'full',
      budget: { ratio: 0.2, minRetriesPerSecond: 1, window: '10s' },
    },
  },
  timeouts: { inventory: '1s' },
  // The service still answers stock lookups from the last known levels while the circuit is open.
  health: { openCircuit: 'degraded' },
  cache: {
    // Keys and channels start with it, so the inventory or another app can share the Redis.
    namespace: 'orders',
    caches: {
      // A level is fresh for 5 s; for an hour after that it is served (degraded) when the inventory
      // cannot be asked. No early refresh: every call that reaches the inventory is one a client caused.
      [STOCK_CACHE]: { ttl: '5s', grace: '1h', earlyRefresh: false },
      // Prices change rarely, and a price update evicts its product on every replica at once.
      [CATALOG_CACHE]: { ttl: '10m', grace: '1h' },
    },
  },
  lock: { election: { name: ORDER_ELECTION } },
} as const satisfies BulwarkModuleOptions;

/**
 * What the deployment adds to the policies: the Redis tier of the caches (`REDIS_URL`), the lock
 * nodes of the election (`LOCK_REDIS_URLS`, else `REDIS_URL`) and this replica's id in it.
 *
 * @param deployment the `deployment` namespace
 * @returns `cache.redis`, `lock.redis` and `lock.election.id`, each only when configured
 * @example
 * deploymentOptions({ replicaId: 'orders-1', redisUrl: undefined, lockNodes: undefined }); // { lock: { election: { id: 'orders-1' } } }
 */
export function deploymentOptions(deployment: DeploymentConfig): BulwarkModuleOptions {
  return {
    ...(deployment.redisUrl !== undefined && { cache: { redis: deployment.redisUrl } }),
    lock: { ...(deployment.lockNodes !== undefined && { redis: [...deployment.lockNodes] }), election: { id: deployment.replicaId } },
  };
}

/**
 * Builds the `bulwark` namespace: `SAMPLE_POLICIES`, then the deployment (`REDIS_URL`,
 * `LOCK_REDIS_URLS`, `REPLICA_ID`), then every `BULWARK__*` variable on top.
 *
 * @param env the variables to read
 * @returns the options for `BulwarkModule`, validated by it at bootstrap
 * @throws Error naming a malformed `BULWARK__*` variable, or a bad `REDIS_URL`, `LOCK_REDIS_URLS` or `REPLICA_ID`
 * @example
 * bulwarkConfigFrom({ BULWARK__CIRCUIT_BREAKERS__INVENTORY__OPEN_DURATION: '200ms' }).circuitBreakers?.inventory?.openDuration; // '200ms'
 */
export function bulwarkConfigFrom(env: Env): BulwarkModuleOptions {
  const deployed = mergeOptions<BulwarkModuleOptions>(SAMPLE_POLICIES, deploymentOptions(deploymentConfigFrom(env)));
  return mergeOptions<BulwarkModuleOptions>(deployed, bulwarkOptionsFromEnv(env));
}

/** The `bulwark` config namespace, read from `process.env` at bootstrap. */
export const bulwarkConfig = registerAs('bulwark', (): BulwarkModuleOptions => bulwarkConfigFrom(process.env));
