import { afterAll, beforeAll } from 'vitest';
import { startRedisServer, type RedisServer, type RedisServerOptions } from './redis-server.js';

/**
 * Starts `count` throwaway Redis servers before the suite and stops them after it, even when a
 * test fails. Read the servers inside tests or hooks, not at collection time.
 *
 * @param count how many independent servers the suite needs
 * @param options extra server arguments, e.g. `{ args: ['--cluster-enabled', 'yes'] }`
 * @returns the servers, filled in by `beforeAll`
 * @example
 * const servers = useRedisServers(3);
 * it('pings', async () => expect(await servers[0].client().ping()).toBe('PONG'));
 */
export function useRedisServers(count = 1, options: RedisServerOptions = {}): readonly RedisServer[] {
  const servers: RedisServer[] = [];
  beforeAll(async () => {
    servers.push(...(await Promise.all(Array.from({ length: count }, () => startRedisServer(options)))));
  });
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
  });
  return servers;
}
