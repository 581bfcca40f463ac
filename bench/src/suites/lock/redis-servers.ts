import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A throwaway `redis-server` on a loopback port, with no persistence. */
export interface BenchRedisServer {
  readonly url: string;
  /** Kills the process and removes its directory. */
  stop(): Promise<void>;
}

/**
 * Starts `redis-server` processes with the flags the test support uses (loopback, a free port,
 * no RDB, no AOF, its own temp directory), since the benchmark cannot import the test support.
 *
 * @param count how many independent servers
 * @returns the running servers
 * @throws Error naming the install command when `redis-server` is not on PATH
 */
export async function startRedisServers(count: number): Promise<BenchRedisServer[]> {
  return Promise.all(Array.from({ length: count }, () => startOne()));
}

async function startOne(): Promise<BenchRedisServer> {
  const port = await freePort();
  const dir = await mkdtemp(join(tmpdir(), 'bulwark-bench-redis-'));
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--logfile', ''];
  const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'ignore'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()).once('error', () => resolve()));
  await ready(child, port);
  return {
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      child.kill('SIGKILL');
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function ready(child: ChildProcess, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`redis-server on port ${port} was not ready within 10 s:\n${output}`)), 10_000);
    child.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(error.code === 'ENOENT' ? new Error('redis-server is not on PATH: `apt-get install redis-server` (Debian/Ubuntu) or `brew install redis`.') : error);
    });
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (!output.includes('Ready to accept connections')) return;
      clearTimeout(timer);
      child.stdout!.removeAllListeners('data').resume();
      resolve();
    });
  });
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve, reject) => probe.once('error', reject).listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('could not read a free loopback port');
  return address.port;
}
