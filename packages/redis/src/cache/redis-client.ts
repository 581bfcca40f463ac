import type { Cluster, Redis } from 'ioredis';

/**
 * An ioredis client the cache tier can use: a standalone or Sentinel-backed `Redis`, or a `Cluster`.
 *
 * @example
 * const client: RedisClient = new Redis({ sentinels: [{ host: 'sentinel', port: 26379 }], name: 'mymaster' });
 */
export type RedisClient = Redis | Cluster;

/**
 * @param client an ioredis client
 * @returns true for a Redis Cluster client, whose multi-key commands must stay within one slot
 */
export function isClusterClient(client: RedisClient): client is Cluster {
  return (client as { isCluster?: unknown }).isCluster === true;
}

/**
 * @internal
 * @param client an ioredis client
 * @returns the connections that each hold part of the key space: every master of a cluster, or the client itself
 */
export function keySpaceNodes(client: RedisClient): readonly Redis[] {
  return isClusterClient(client) ? client.nodes('master') : [client];
}

/**
 * @internal
 * @param client an ioredis client
 * @returns a promise settled once the client can run commands; a fail-fast client refuses them before
 */
export function clientReady(client: RedisClient): Promise<void> {
  if (client.status === 'ready') return Promise.resolve();
  return new Promise((resolve) => client.once('ready', () => resolve()));
}

/**
 * @internal
 * @param client an ioredis client
 * @returns the ioredis `commandTimeout` every command of the client runs under, if it has one
 */
export function clientCommandTimeoutMs(client: RedisClient): number | undefined {
  const options = isClusterClient(client) ? client.options.redisOptions : client.options;
  return options?.commandTimeout;
}
