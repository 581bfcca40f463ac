import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { RedisServerMissingError, startRedisServer } from './redis-server.js';
import { useRedisServers } from './redis-fixture.js';

describe('throwaway redis-server', () => {
  const servers = useRedisServers(2);

  it('starts independent servers on distinct loopback ports, none of them the shared 6379', async () => {
    const [first, second] = servers;
    expect(first.port).not.toBe(second.port);
    expect([first.port, second.port]).not.toContain(6379);
    await first.client().set('key', 'on-first');
    expect(await second.client().get('key')).toBeNull();
    expect(await first.client().get('key')).toBe('on-first');
  });

  it('keeps nothing on disk', async () => {
    const config = (await servers[0].client().config('GET', 'save')) as string[];
    expect(config[1]).toBe('');
  });

  it('stops the process so its port refuses connections', async () => {
    const server = await startRedisServer();
    const client = server.client({ lazyConnect: true, retryStrategy: () => null });
    await client.connect();
    await server.stop();
    const refused = new Promise<string | undefined>((resolve) => {
      const socket = connect(server.port, server.host);
      socket.once('connect', () => resolve(socket.destroy() && 'connected'));
      socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code));
    });
    expect(await refused).toBe('ECONNREFUSED');
  });

  it('crashes without closing clients, which reconnect once it restarts, empty, on the same port', async () => {
    const server = await startRedisServer();
    try {
      const client = server.client({ retryStrategy: () => 20, maxRetriesPerRequest: 0 });
      // Refused reconnections are expected here; without a listener ioredis prints each one.
      client.on('error', () => undefined);
      await client.set('key', 'before the crash');
      await server.crash();
      await server.crash();
      await expect(client.get('key')).rejects.toThrow();
      const ready = new Promise<void>((resolve) => client.once('ready', () => resolve()));
      await server.restart();
      await ready;
      expect(await client.get('key')).toBeNull();
      expect(await client.ping()).toBe('PONG');
    } finally {
      await server.stop();
    }
  });

  it('names the running process by pid, a new one after a restart', async () => {
    const server = await startRedisServer();
    try {
      const first = server.pid;
      expect(() => process.kill(first, 0)).not.toThrow();
      await server.restart();
      expect(server.pid).not.toBe(first);
      expect(() => process.kill(server.pid, 0)).not.toThrow();
      expect(() => process.kill(first, 0)).toThrow();
    } finally {
      await server.stop();
    }
  });

  it('restarts after stop() on the same port', async () => {
    const server = await startRedisServer();
    await server.stop();
    await server.restart();
    try {
      expect(await server.client().ping()).toBe('PONG');
    } finally {
      await server.stop();
    }
  });

  it('passes extra arguments to redis-server, also across a restart', async () => {
    const server = await startRedisServer({ args: ['--maxmemory', '1mb'] });
    try {
      expect(await server.client().config('GET', 'maxmemory')).toEqual(['maxmemory', '1048576']);
      await server.restart();
      expect(await server.client().config('GET', 'maxmemory')).toEqual(['maxmemory', '1048576']);
    } finally {
      await server.stop();
    }
  });

  it('fails with the install command when redis-server is not on PATH', async () => {
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      const failure = startRedisServer();
      await expect(failure).rejects.toBeInstanceOf(RedisServerMissingError);
      await expect(failure).rejects.toThrow(/apt-get install redis-server/);
    } finally {
      process.env.PATH = path;
    }
  });
});
