import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const READY_TIMEOUT_MS = 10_000;
/** The usual Redis port: a developer's own server may live there, so the bench never uses it. */
const RESERVED_PORT = 6379;

/** A throwaway `redis-server`: loopback only, no persistence, its own temp directory. */
export interface BenchRedisServer {
  readonly port: number;
  /** `redis://127.0.0.1:<port>` */
  readonly url: string;
  /** The server's process id, e.g. to pin it to a CPU. */
  readonly pid: number;
  /** Kills the process and removes its directory; safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Starts a throwaway `redis-server` on a free loopback port (never 6379), with persistence off.
 * The process is also killed if the bench exits without calling `stop()`.
 *
 * @returns the running server, accepting connections
 * @throws Error when `redis-server` is not on PATH or does not become ready within 10 s
 * @example
 * const server = await startRedisServer();
 * try { await use(server.port); } finally { await server.stop(); }
 */
export async function startRedisServer(): Promise<BenchRedisServer> {
  const port = await freePort();
  const dir = await mkdtemp(join(tmpdir(), 'bulwark-bench-redis-'));
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--logfile', ''],
    { stdio: ['ignore', 'pipe', 'ignore'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()).once('error', () => resolve()));
  const killOnExit = (): void => void child.kill('SIGKILL');
  process.once('exit', killOnExit);
  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopped ??= (async () => {
      process.removeListener('exit', killOnExit);
      child.kill('SIGKILL');
      await exited;
      await rm(dir, { recursive: true, force: true });
    })());
  try {
    await ready(child, port);
  } catch (error) {
    await stop();
    throw error;
  }
  return { port, url: `redis://127.0.0.1:${port}`, pid: child.pid!, stop };
}

/**
 * Starts independent throwaway servers, e.g. the nodes of a Redlock quorum.
 *
 * @param count how many
 * @returns the running servers
 * @throws Error when `redis-server` is not on PATH or one does not become ready within 10 s
 */
export async function startRedisServers(count: number): Promise<BenchRedisServer[]> {
  return Promise.all(Array.from({ length: count }, () => startRedisServer()));
}

async function freePort(): Promise<number> {
  for (;;) {
    const probe = createServer();
    await new Promise<void>((resolve, reject) => probe.once('error', reject).listen(0, '127.0.0.1', resolve));
    const address = probe.address();
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    if (address === null || typeof address === 'string') throw new Error('could not read a free loopback port');
    if (address.port !== RESERVED_PORT) return address.port;
  }
}

function ready(child: ChildProcess, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const finish = (error?: Error): void => {
      clearTimeout(timer);
      child.stdout?.removeListener('data', onData);
      child.removeListener('exit', onExit).removeListener('error', onError);
      if (error) reject(error);
      else resolve();
    };
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) finish();
    };
    const onExit = (code: number | null): void => finish(new Error(`redis-server on port ${port} exited with code ${code}:\n${output}`));
    const onError = (error: NodeJS.ErrnoException): void =>
      finish(error.code === 'ENOENT' ? new Error('this suite needs redis-server on PATH (apt-get install redis-server, brew install redis)') : error);
    const timer = setTimeout(() => finish(new Error(`redis-server on port ${port} was not ready within ${READY_TIMEOUT_MS} ms:\n${output}`)), READY_TIMEOUT_MS);
    child.stdout?.on('data', onData);
    child.once('exit', onExit).once('error', onError);
  });
}
