import type { Redis } from 'ioredis';
import { isClusterClient, keySpaceNodes, type RedisClient } from './redis-client.js';
import { matchPrefix } from './redis-keys.js';

/**
 * @internal Deletes every key starting with `prefix`: SCAN (never KEYS, which blocks the server)
 * over every master, UNLINK (freed off the main thread) in batches.
 *
 * @param client the store's client
 * @param prefix a literal key prefix; glob characters in it are escaped
 * @param batchSize keys per SCAN round and per UNLINK
 * @returns how many keys were unlinked
 */
export async function deleteByPrefix(client: RedisClient, prefix: string, batchSize: number): Promise<number> {
  const pattern = matchPrefix(prefix);
  const cluster = isClusterClient(client);
  let deleted = 0;
  for (const node of keySpaceNodes(client)) {
    deleted += await unlinkMatching(node, pattern, batchSize, (keys) => (cluster ? unlinkEach(client, keys) : node.unlink(...keys)));
  }
  return deleted;
}

async function unlinkMatching(node: Redis, pattern: string, batchSize: number, unlink: (keys: string[]) => Promise<number>): Promise<number> {
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, keys] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', batchSize);
    cursor = next;
    if (keys.length > 0) deleted += await unlink(keys);
  } while (cursor !== '0');
  return deleted;
}

/** In a cluster one UNLINK may only name keys of one slot; the cluster client routes each key. */
async function unlinkEach(client: RedisClient, keys: readonly string[]): Promise<number> {
  const counts = await Promise.all(keys.map((key) => client.unlink(key)));
  return counts.reduce((sum, count) => sum + count, 0);
}
