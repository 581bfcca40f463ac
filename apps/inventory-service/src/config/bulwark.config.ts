import type { BulwarkModuleOptions } from '@bulwark/nestjs';
import { INVENTORY_ELECTION, type DeploymentConfig } from './deployment.config.js';

/**
 * The inventory uses Bulwark for one thing: `@Singleton` on its restock job. These are the lock
 * options for it: the Redlock nodes when there are any, the election and this replica's id in it.
 *
 * @param deployment the `deployment` namespace
 * @returns the options of `BulwarkModule`
 * @example
 * bulwarkOptionsFor({ replicaId: 'inventory-1', lockNodes: undefined });
 * // { lock: { election: { name: 'inventory-service', id: 'inventory-1' } } }
 */
export function bulwarkOptionsFor(deployment: DeploymentConfig): BulwarkModuleOptions {
  const { replicaId, lockNodes } = deployment;
  return { lock: { ...(lockNodes !== undefined && { redis: [...lockNodes] }), election: { name: INVENTORY_ELECTION, id: replicaId } } };
}
