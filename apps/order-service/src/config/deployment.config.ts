import { registerAs } from '@nestjs/config';
import { readRedisUrl, readRedisUrls, readReplicaId, type Env } from 'sample-kit';

/** Where this replica keeps what it shares with the others, and how it names itself. */
export interface DeploymentConfig {
  /** `REPLICA_ID`. @default `<hostname>-<pid>` */
  readonly replicaId: string;
  /** `REDIS_URL`: the Redis tier of the caches and the store of the reports; none: memory. */
  readonly redisUrl: string | undefined;
  /** `LOCK_REDIS_URLS`, else `[REDIS_URL]`: the Redlock nodes of the leader election; none: in-process. */
  readonly lockNodes: readonly string[] | undefined;
}

/**
 * Builds the `deployment` namespace from environment variables. Without `LOCK_REDIS_URLS`, the
 * lock runs on the one `REDIS_URL` node: replicas that share a cache then also share a leader.
 *
 * @param env the variables to read
 * @returns the validated settings
 * @throws Error naming the variable at fault
 * @example
 * deploymentConfigFrom({ REDIS_URL: 'redis://127.0.0.1:6380', REPLICA_ID: 'orders-1' });
 * // { replicaId: 'orders-1', redisUrl: 'redis://127.0.0.1:6380', lockNodes: ['redis://127.0.0.1:6380'] }
 */
export function deploymentConfigFrom(env: Env): DeploymentConfig {
  const redisUrl = readRedisUrl(env, 'REDIS_URL');
  const lockNodes = readRedisUrls(env, 'LOCK_REDIS_URLS') ?? (redisUrl === undefined ? undefined : [redisUrl]);
  return { replicaId: readReplicaId(env), redisUrl, lockNodes };
}

/** The `deployment` config namespace, read from `process.env` at bootstrap. */
export const deploymentConfig = registerAs('deployment', (): DeploymentConfig => deploymentConfigFrom(process.env));
