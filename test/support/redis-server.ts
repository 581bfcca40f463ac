import { Redis, type RedisOptions } from 'ioredis';
import { startThrowawayRedis, type ThrowawayRedis, type ThrowawayRedisOptions } from 'sample-kit';

export { RedisServerMissingError } from 'sample-kit';

/** A throwaway `redis-server` (sample-kit's) that also hands out ioredis clients and closes them. */
export interface RedisServer extends ThrowawayRedis {
  /** A new ioredis client for this server; it is closed by `stop()`. */
  client(options?: RedisOptions): Redis;
  /**
   * Kills the process (SIGKILL) as a crash would, keeping the port and every client handed out:
   * clients see the connection drop and keep trying to reconnect. Safe to call twice.
   */
  crash(): Promise<void>;
  /** Closes every client handed out and kills the process; safe to call twice. */
  stop(): Promise<void>;
}

/** Options of {@link startRedisServer}. */
export type RedisServerOptions = ThrowawayRedisOptions;

/**
 * Starts `redis-server` on a free loopback port with persistence off, in its own temp directory.
 * Tests that need Redis fail with the install command when it is missing, never skip.
 *
 * @param options extra server arguments
 * @returns the running server, ready to accept connections
 * @throws RedisServerMissingError when `redis-server` is not on PATH
 * @example
 * const server = await startRedisServer();
 * try { await server.client().ping(); } finally { await server.stop(); }
 */
export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServer> {
  const server = await startThrowawayRedis(options);
  const clients = new Set<Redis>();
  return {
    host: server.host,
    port: server.port,
    url: server.url,
    get pid() {
      return server.pid;
    },
    pause: () => server.pause(),
    resume: () => server.resume(),
    crash: () => server.crash(),
    restart: () => server.restart(),
    client(clientOptions) {
      const client = new Redis({ host: server.host, port: server.port, maxRetriesPerRequest: 1, ...clientOptions });
      clients.add(client);
      return client;
    },
    stop() {
      for (const client of clients) client.disconnect();
      clients.clear();
      return server.stop();
    },
  };
}
