/**
 * The demo's timings: short, so the scenario takes seconds, and passed to the services through
 * the same environment variables a deployment would use.
 */
export const DEMO_TIMINGS = {
  /** `BULWARK__CIRCUIT_BREAKERS__INVENTORY__OPEN_DURATION` */
  openDurationMs: 2_000,
  /** `BULWARK__CACHE__CACHES__STOCK__TTL`: how long a stock level is fresh. */
  stockTtlMs: 1_000,
  /** `BULWARK__LOCK__ELECTION__LEASE`, `__RENEW_DEADLINE`, `__RETRY_PERIOD`; the jitter stays at its default, 0.2. */
  leaseMs: 1_500,
  renewDeadlineMs: 1_000,
  retryPeriodMs: 200,
  retryJitter: 0.2,
  /** Added to `lease + (1 + jitter) × retryPeriod` for the HTTP polling that observes the new leader. */
  failoverMarginMs: 260,
  /** `consecutiveFailures` of the shipped `inventory` breaker. */
  consecutiveFailures: 5,
  /** `maxAttempts` of the shipped `inventory` retry. */
  maxAttempts: 3,
} as const;

/** How many order-service replicas run with Redis (one without). */
export const ORDER_REPLICAS = 3;

/** The demo sets these itself: values inherited from the shell are dropped. */
const OWN_VARIABLES = /^(BULWARK__.*|REDIS_URL|LOCK_REDIS_URLS|REPLICA_ID|REPORT_CRON|ORDER_PORT|INVENTORY_PORT|INVENTORY_URL|LOG_LEVEL|RESTOCK_INTERVAL_MS)$/;

/**
 * The environment the services inherit: the shell's, so PATH and the like carry over, without
 * anything the demo sets itself (a `REDIS_URL` or `BULWARK__*` in the shell would change the scenario).
 *
 * @returns the shell's environment without the variables the demo sets
 */
export function inheritedEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !OWN_VARIABLES.test(name)));
}

/**
 * The environment of one order-service replica.
 *
 * @param replicaId `orders-<n>`
 * @param inventoryUrl where the inventory listens
 * @param redis the cache/report Redis and the lock nodes, when the demo runs Redis
 * @returns the variables, on top of the inherited ones
 */
export function orderEnv(replicaId: string, inventoryUrl: string, redis?: { readonly url: string; readonly lockUrls: readonly string[] }): NodeJS.ProcessEnv {
  const t = DEMO_TIMINGS;
  return {
    ...inheritedEnv(),
    ORDER_PORT: '0',
    INVENTORY_URL: inventoryUrl,
    REPLICA_ID: replicaId,
    REPORT_CRON: '* * * * * *',
    LOG_LEVEL: 'log',
    NO_COLOR: '1',
    BULWARK__CIRCUIT_BREAKERS__INVENTORY__OPEN_DURATION: `${t.openDurationMs}ms`,
    BULWARK__CACHE__CACHES__STOCK__TTL: `${t.stockTtlMs}ms`,
    BULWARK__LOCK__ELECTION__LEASE: `${t.leaseMs}ms`,
    BULWARK__LOCK__ELECTION__RENEW_DEADLINE: `${t.renewDeadlineMs}ms`,
    BULWARK__LOCK__ELECTION__RETRY_PERIOD: `${t.retryPeriodMs}ms`,
    ...(redis && { REDIS_URL: redis.url, LOCK_REDIS_URLS: redis.lockUrls.join(',') }),
  };
}

/**
 * The environment of the inventory service.
 *
 * @param lockUrls the lock nodes, when the demo runs Redis
 * @returns the variables, on top of the inherited ones
 */
export function inventoryEnv(lockUrls?: readonly string[]): NodeJS.ProcessEnv {
  return {
    ...inheritedEnv(),
    INVENTORY_PORT: '0',
    REPLICA_ID: 'inventory-1',
    LOG_LEVEL: 'warn',
    NO_COLOR: '1',
    ...(lockUrls && { LOCK_REDIS_URLS: lockUrls.join(',') }),
  };
}
