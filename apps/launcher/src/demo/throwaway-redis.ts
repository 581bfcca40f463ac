import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freeLoopbackPort } from './free-port.js';

/** How long a server may take to say it is ready. */
const READY_TIMEOUT_MS = 10_000;
/** Ports probed before giving up: another process may take one between the probe and the bind. */
const PORT_ATTEMPTS = 5;

/** Thrown when `redis-server` is not on PATH. */
export class RedisServerMissingError extends Error {
  override readonly name = 'RedisServerMissingError';

  constructor() {
    super('redis-server is not on PATH');
  }
}

/**
 * A `redis-server` process the demo started: on a free loopback port (never 6379), with no
 * persistence, in a temporary directory that `stop()` removes.
 */
export class ThrowawayRedis {
  private exited: Promise<void>;

  private constructor(
    readonly port: number,
    private readonly child: ChildProcess,
    private readonly dir: string,
  ) {
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()).once('error', () => resolve()));
  }

  /** `redis://127.0.0.1:<port>` */
  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /**
   * Starts one server.
   *
   * @returns the server, accepting connections
   * @throws RedisServerMissingError when `redis-server` is not on PATH
   * @throws Error when no server could be started
   */
  static async start(): Promise<ThrowawayRedis> {
    let lastError: unknown;
    for (let attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
      const port = await freeLoopbackPort();
      const dir = await mkdtemp(join(tmpdir(), 'bulwark-demo-redis-'));
      const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--logfile', ''], {
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      const server = new ThrowawayRedis(port, child, dir);
      try {
        await server.ready();
        return server;
      } catch (error) {
        await server.stop();
        if (error instanceof RedisServerMissingError) throw error;
        lastError = error;
      }
    }
    throw lastError;
  }

  /** Kills the process (it keeps nothing) and removes its directory; safe to call twice. */
  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    await this.exited;
    await rm(this.dir, { recursive: true, force: true });
  }

  private ready(): Promise<void> {
    return new Promise((resolve, reject) => {
      let output = '';
      const timer = setTimeout(() => finish(new Error(`redis-server on port ${this.port} was not ready within ${READY_TIMEOUT_MS} ms:\n${output}`)), READY_TIMEOUT_MS);
      const onData = (chunk: Buffer): void => {
        output += chunk.toString();
        if (output.includes('Ready to accept connections')) finish();
      };
      const onError = (error: NodeJS.ErrnoException): void => finish(error.code === 'ENOENT' ? new RedisServerMissingError() : error);
      const onExit = (code: number | null): void => finish(new Error(`redis-server on port ${this.port} exited with code ${code}:\n${output}`));
      const finish = (error?: Error): void => {
        clearTimeout(timer);
        this.child.off('error', onError).off('exit', onExit);
        this.child.stdout?.off('data', onData).resume();
        if (error) reject(error);
        else resolve();
      };
      this.child.once('error', onError).once('exit', onExit);
      this.child.stdout?.on('data', onData);
    });
  }
}
