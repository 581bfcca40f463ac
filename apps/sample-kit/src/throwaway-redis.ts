import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freeLoopbackPort } from './free-loopback-port.js';

/** How long a server may take to say it is ready. */
const READY_TIMEOUT_MS = 10_000;
/** Ports tried before giving up: another process may take one between the probe and the bind. */
const PORT_ATTEMPTS = 5;
const HOST = '127.0.0.1';

/** Processes still running, killed when this process exits without stopping them (a crash, a failed run). */
const running = new Set<ChildProcess>();
let killOnExit = false;

function track(child: ChildProcess): void {
  running.add(child);
  if (killOnExit) return;
  killOnExit = true;
  process.once('exit', () => {
    for (const orphan of running) orphan.kill('SIGKILL');
  });
}

/** Thrown when `redis-server` is not on PATH; the message says how to install it. */
export class RedisServerMissingError extends Error {
  override readonly name = 'RedisServerMissingError';

  constructor() {
    super(
      'redis-server was not found on PATH (throwaway servers on free loopback ports need it). ' +
        'Install it: `apt-get install redis-server` on Debian/Ubuntu, `brew install redis` on macOS.',
    );
  }
}

/** Options of {@link startThrowawayRedis}. */
export interface ThrowawayRedisOptions {
  /** Extra `redis-server` arguments, e.g. `['--cluster-enabled', 'yes']`; kept across `restart()`. @default none */
  readonly args?: readonly string[];
}

/** A `redis-server` process on a loopback port, with no persistence, in a temporary directory. */
export interface ThrowawayRedis {
  /** `127.0.0.1` */
  readonly host: string;
  readonly port: number;
  /** `redis://127.0.0.1:<port>` */
  readonly url: string;
  /** The id of the process started last, e.g. to pin it to a CPU. */
  readonly pid: number;
  /** Suspends the process (SIGSTOP), as a long GC pause or a frozen VM would. */
  pause(): void;
  /** Resumes a paused process (SIGCONT). */
  resume(): void;
  /** Kills the process (SIGKILL) as a crash would, keeping the port; safe to call twice. */
  crash(): Promise<void>;
  /**
   * Starts a fresh, empty process on the same port (crashing the running one first, if any), so
   * clients that kept reconnecting find the server back. Also works after `stop()`.
   */
  restart(): Promise<void>;
  /** Kills the process and removes its directory; safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Starts `redis-server` on a free loopback port (never 6379) with persistence off, in its own
 * temporary directory. The process is killed when this one exits without calling `stop()`.
 *
 * @param options extra server arguments
 * @returns the running server, accepting connections
 * @throws RedisServerMissingError when `redis-server` is not on PATH
 * @throws Error when no server became ready on any of a few free ports
 * @example
 * const redis = await startThrowawayRedis();
 * try { await use(redis.url); } finally { await redis.stop(); }
 */
export async function startThrowawayRedis(options: ThrowawayRedisOptions = {}): Promise<ThrowawayRedis> {
  const args = options.args ?? [];
  let lastError: unknown;
  for (let attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
    const port = await freeLoopbackPort();
    const dir = await mkdtemp(join(tmpdir(), 'bulwark-redis-'));
    try {
      return new RunningServer(port, dir, args, await spawnServer(port, dir, args));
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      if (error instanceof RedisServerMissingError) throw error;
      lastError = error;
    }
  }
  throw lastError;
}

/** A spawned redis-server and a promise settled once it has exited. */
interface ServerProcess {
  readonly child: ChildProcess;
  readonly exited: Promise<void>;
}

class RunningServer implements ThrowawayRedis {
  readonly host = HOST;
  readonly url: string;
  private current: ServerProcess | undefined;
  private lastPid: number;
  private stopped: Promise<void> | undefined;

  constructor(
    readonly port: number,
    private dir: string,
    private readonly args: readonly string[],
    initial: ServerProcess,
  ) {
    this.url = `redis://${HOST}:${port}`;
    this.current = initial;
    this.lastPid = initial.child.pid ?? 0;
  }

  get pid(): number {
    return this.lastPid;
  }

  pause(): void {
    this.current?.child.kill('SIGSTOP');
  }

  resume(): void {
    this.current?.child.kill('SIGCONT');
  }

  async crash(): Promise<void> {
    const server = this.current;
    this.current = undefined;
    if (server) await kill(server);
  }

  async restart(): Promise<void> {
    if (this.stopped) {
      await this.stopped;
      this.stopped = undefined;
      this.dir = await mkdtemp(join(tmpdir(), 'bulwark-redis-'));
    }
    await this.crash();
    this.current = await spawnServer(this.port, this.dir, this.args);
    this.lastPid = this.current.child.pid ?? 0;
  }

  stop(): Promise<void> {
    this.stopped ??= this.crash().then(() => rm(this.dir, { recursive: true, force: true }));
    return this.stopped;
  }
}

async function spawnServer(port: number, dir: string, args: readonly string[]): Promise<ServerProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', HOST, '--save', '', '--appendonly', 'no', '--dir', dir, '--logfile', '', ...args],
    { stdio: ['ignore', 'pipe', 'ignore'] },
  );
  track(child);
  // A process that could not be spawned emits 'error' and never 'exit'.
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()).once('error', () => resolve()));
  try {
    await untilReady(child, port);
  } catch (error) {
    await kill({ child, exited });
    throw error;
  }
  return { child, exited };
}

async function kill(server: ServerProcess): Promise<void> {
  // A paused process would hold its port until resumed.
  server.child.kill('SIGCONT');
  server.child.kill('SIGKILL');
  await server.exited;
  running.delete(server.child);
}

function untilReady(child: ChildProcess, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => finish(new Error(`redis-server on port ${port} was not ready within ${READY_TIMEOUT_MS} ms:\n${output}`)), READY_TIMEOUT_MS);
    const onError = (error: NodeJS.ErrnoException): void => finish(error.code === 'ENOENT' ? new RedisServerMissingError() : error);
    const onExit = (code: number | null): void => finish(new Error(`redis-server on port ${port} exited with code ${code}:\n${output}`));
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
