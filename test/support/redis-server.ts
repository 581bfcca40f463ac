import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis, type RedisOptions } from 'ioredis';

/** How long a throwaway server may take to say it is ready. */
const READY_TIMEOUT_MS = 10_000;
const PORT_ATTEMPTS = 5;

/** Processes still running, stopped on exit if a suite crashes before its cleanup. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** Thrown when `redis-server` is not on PATH: tests that need Redis fail with the fix, never skip. */
export class RedisServerMissingError extends Error {
  constructor() {
    super(
      'redis-server was not found on PATH, and the Redis tests need it (they start throwaway servers on free loopback ports). ' +
        'Install it and run the tests again: `apt-get install redis-server` on Debian/Ubuntu, `brew install redis` on macOS.',
    );
    this.name = 'RedisServerMissingError';
  }
}

/** A throwaway `redis-server` process on a loopback port with no persistence. */
export interface RedisServer {
  readonly host: string;
  readonly port: number;
  /** `redis://127.0.0.1:<port>` */
  readonly url: string;
  /** A new ioredis client for this server; it is closed by `stop()`. */
  client(options?: RedisOptions): Redis;
  /** Suspends the process (SIGSTOP), as a long GC pause or a frozen VM would. */
  pause(): void;
  /** Resumes a paused process (SIGCONT). */
  resume(): void;
  /**
   * Kills the process (SIGKILL) as a crash would, keeping the port and every client handed out:
   * clients see the connection drop and keep trying to reconnect. Safe to call twice.
   */
  crash(): Promise<void>;
  /**
   * Starts a fresh, empty process on the same port (crashing the running one first, if any), so
   * clients that kept reconnecting find the server back. Also works after `stop()`.
   */
  restart(): Promise<void>;
  /** Closes every client handed out and kills the process; safe to call twice. */
  stop(): Promise<void>;
}

/** Options of {@link startRedisServer}. */
export interface RedisServerOptions {
  /** Extra `redis-server` arguments, e.g. `['--cluster-enabled', 'yes']`; kept across `restart()`. @default none */
  readonly args?: readonly string[];
}

/**
 * Starts `redis-server` on a free loopback port with persistence off, in its own temp directory.
 *
 * @param options extra server arguments
 * @returns the running server, ready to accept connections
 * @throws RedisServerMissingError when `redis-server` is not on PATH
 * @example
 * const server = await startRedisServer();
 * try { await server.client().ping(); } finally { await server.stop(); }
 */
export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServer> {
  let lastError: unknown;
  for (let attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
    try {
      return await launchOn(await freePort(), options.args ?? []);
    } catch (error) {
      // Another process may take the port between probing and binding it; try a new one.
      if (error instanceof RedisServerMissingError) throw error;
      lastError = error;
    }
  }
  throw lastError;
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve, reject) => probe.once('error', reject).listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('could not read a free loopback port');
  return address.port;
}

async function launchOn(port: number, args: readonly string[]): Promise<RedisServer> {
  const dir = await mkdtemp(join(tmpdir(), 'bulwark-redis-'));
  try {
    return handle(await spawnServer(port, dir, args), port, dir, args);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

/** A running redis-server process and a promise settled when it has exited. */
interface ServerProcess {
  readonly child: ChildProcess;
  readonly exited: Promise<void>;
}

async function spawnServer(port: number, dir: string, args: readonly string[]): Promise<ServerProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--logfile', '', ...args],
    { stdio: ['ignore', 'pipe', 'ignore'] },
  );
  running.add(child);
  // A process that could not be spawned emits 'error' and never 'exit'.
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()).once('error', () => resolve()));
  try {
    await waitUntilReady(child, port);
  } catch (error) {
    await kill({ child, exited });
    throw error;
  }
  return { child, exited };
}

async function kill(server: ServerProcess): Promise<void> {
  server.child.kill('SIGCONT');
  server.child.kill('SIGKILL');
  await server.exited;
  running.delete(server.child);
}

function waitUntilReady(child: ChildProcess, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(
      () => reject(new Error(`redis-server on port ${port} was not ready within ${READY_TIMEOUT_MS} ms:\n${output}`)),
      READY_TIMEOUT_MS,
    );
    const onError = (error: NodeJS.ErrnoException): void =>
      finish(error.code === 'ENOENT' ? new RedisServerMissingError() : error);
    const onExit = (code: number | null): void =>
      finish(new Error(`redis-server on port ${port} exited with code ${code}:\n${output}`));
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) finish();
    };
    const finish = (error?: Error): void => {
      clearTimeout(timer);
      child.off('error', onError).off('exit', onExit);
      child.stdout?.off('data', onData).resume();
      if (error) reject(error);
      else resolve();
    };
    child.once('error', onError).once('exit', onExit);
    child.stdout?.on('data', onData);
  });
}

function handle(initial: ServerProcess, port: number, initialDir: string, args: readonly string[]): RedisServer {
  const host = '127.0.0.1';
  const clients = new Set<Redis>();
  let current: ServerProcess | undefined = initial;
  let dir = initialDir;
  let stopped: Promise<void> | undefined;
  const crash = async (): Promise<void> => {
    const server = current;
    current = undefined;
    if (server) await kill(server);
  };
  return {
    host,
    port,
    url: `redis://${host}:${port}`,
    client(options) {
      const client = new Redis({ host, port, maxRetriesPerRequest: 1, ...options });
      clients.add(client);
      return client;
    },
    pause: () => void current?.child.kill('SIGSTOP'),
    resume: () => void current?.child.kill('SIGCONT'),
    crash,
    async restart() {
      if (stopped) {
        await stopped;
        stopped = undefined;
        dir = await mkdtemp(join(tmpdir(), 'bulwark-redis-'));
      }
      await crash();
      current = await spawnServer(port, dir, args);
    },
    stop() {
      stopped ??= (async () => {
        for (const client of clients) client.disconnect();
        clients.clear();
        await crash();
        await rm(dir, { recursive: true, force: true });
      })();
      return stopped;
    },
  };
}
