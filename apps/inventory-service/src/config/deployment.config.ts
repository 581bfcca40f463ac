import { registerAs } from '@nestjs/config';
import { readRedisUrl, readRedisUrls, readReplicaId, type Env } from 'sample-kit';

/** How this replica names itself, and where the lock of its leader-only job lives. */
export interface DeploymentConfig {
  /** `REPLICA_ID`. @default `<hostname>-<pid>` */
  readonly replicaId: string;
  /** `LOCK_REDIS_URLS`, else `[REDIS_URL]`: the Redlock nodes of the election; none: in-process. */
  readonly lockNodes: readonly string[] | undefined;
}

/** The election of the inventory's leader-only jobs (the order service's is another). */
export const INVENTORY_ELECTION = 'inventory-service';

/**
 * Builds the `deployment` namespace from environment variables, with the order service's rule:
 * without `LOCK_REDIS_URLS`, the lock runs on the one `REDIS_URL` node.
 *
 * @param env the variables to read
 * @returns the validated settings
 * @throws Error naming the variable at fault
 * @example
 * deploymentConfigFrom({ REDIS_URL: 'redis://127.0.0.1:6380' }).lockNodes; // ['redis://127.0.0.1:6380']
 */
export function deploymentConfigFrom(env: Env): DeploymentConfig {
  const redisUrl = readRedisUrl(env, 'REDIS_URL');
  const lockNodes = readRedisUrls(env, 'LOCK_REDIS_URLS') ?? (redisUrl === undefined ? undefined : [redisUrl]);
  return { replicaId: readReplicaId(env), lockNodes };
}

/** The `deployment` config namespace, read from `process.env` at bootstrap. */
export const deploymentConfig = registerAs('deployment', (): DeploymentConfig => deploymentConfigFrom(process.env));
