import { fork, type ChildProcess } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transpileCached } from '../../support/ts-loader/transpile-cache.mjs';
import { monotonicMs } from './monotonic-time.js';

/** The loader that runs TypeScript sources in a child `node` without a build (shared with @bulwark/redis tests). */
export const TS_LOADER = fileURLToPath(new URL('../../support/ts-loader/ts-loader.mjs', import.meta.url));
const REPOSITORY = fileURLToPath(new URL('../../../', import.meta.url));

/** Every child still running, killed when the test process exits without its cleanup. */
const running = new Set<{ killNow(): number; kill(): Promise<number> }>();
process.once('exit', () => {
  for (const child of running) child.killNow();
});

/** How a child process ended. */
export interface ChaosExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** How to start a child. */
export interface ChaosProcessOptions {
  /** Names the child in errors and results, e.g. `worker w2`. */
  readonly name: string;
  /** The TypeScript (or JavaScript) entry point, absolute. */
  readonly script: string;
  /** Its environment, on top of this process's. @default none extra */
  readonly env?: NodeJS.ProcessEnv;
  /** Extra `node` flags, e.g. `['--expose-gc']`; modules to preload go in `preload`. @default none */
  readonly nodeFlags?: readonly string[];
  /** Modules imported before the entry point, after the TypeScript loader. @default none */
  readonly preload?: readonly string[];
}

/**
 * A child `node` process running TypeScript sources, with an IPC channel, that a test can pause
 * (SIGSTOP), resume (SIGCONT) and kill (SIGKILL) as a frozen VM or a crash would. Every child is
 * tracked: `stopAllChaosProcesses()` (in `afterAll`) and process exit kill whatever is left.
 *
 * @example
 * const worker = ChaosProcess.start({ name: 'worker', script: WORKER });
 * const ready = await worker.next((message) => message.type === 'ready', 10_000);
 * worker.pause();
 */
export class ChaosProcess<Message = unknown> {
  /** Settles once the process has exited. */
  readonly exited: Promise<ChaosExit>;
  /** When each pause began and ended (`to` undefined while paused), on the monotonic clock. */
  readonly pauses: Array<{ from: number; to: number | undefined }> = [];
  private readonly child: ChildProcess;
  private readonly listeners = new Set<(message: Message) => void>();
  private exitedAt: number | undefined;

  private constructor(readonly options: ChaosProcessOptions) {
    const flags = ['--conditions=source', ...(options.nodeFlags ?? []), '--import', TS_LOADER];
    for (const module of options.preload ?? []) flags.push('--import', module);
    this.child = fork(options.script, [], { execArgv: flags, env: { ...process.env, ...options.env }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.child.on('message', (message: Message) => {
      for (const listener of [...this.listeners]) listener(message);
    });
    // Sending to a child that just died fails asynchronously; the exit is what matters.
    this.child.on('error', () => undefined);
    this.exited = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => {
        this.exitedAt = monotonicMs();
        running.delete(this);
        resolve({ code, signal });
      });
    });
    running.add(this);
  }

  /**
   * Starts a child; it runs the TypeScript sources through the loader, resolving workspace
   * packages to their sources (`--conditions=source`).
   *
   * @param options the entry point, environment and flags
   * @returns the running child
   */
  static start<Message = unknown>(options: ChaosProcessOptions): ChaosProcess<Message> {
    return new ChaosProcess<Message>(options);
  }

  /** Its name. */
  get name(): string {
    return this.options.name;
  }

  /** Its process id. */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Whether it has not exited yet. */
  get alive(): boolean {
    return this.exitedAt === undefined;
  }

  /** Whether it is paused now. */
  get paused(): boolean {
    return this.pauses.at(-1)?.to === undefined && this.pauses.length > 0;
  }

  /** @param message sent over IPC; dropped if the child is gone */
  send(message: unknown): void {
    if (this.alive && this.child.connected) this.child.send(message as object, () => undefined);
  }

  /**
   * @param listener called with every IPC message from the child
   * @returns a function that removes the listener
   */
  onMessage(listener: (message: Message) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Waits for the first message that `accept` accepts.
   *
   * @param accept which message
   * @param timeoutMs the most it may take
   * @returns that message
   * @throws Error when the child exits first, or on timeout
   */
  next<T extends Message>(accept: (message: Message) => message is T, timeoutMs: number): Promise<T>;
  next(accept: (message: Message) => boolean, timeoutMs: number): Promise<Message>;
  next(accept: (message: Message) => boolean, timeoutMs: number): Promise<Message> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => finish(new Error(`${this.name}: no expected message within ${timeoutMs} ms`)), timeoutMs);
      const off = this.onMessage((message) => {
        if (accept(message)) finish(undefined, message);
      });
      const finish = (error?: Error, message?: Message): void => {
        clearTimeout(timer);
        off();
        if (error) reject(error);
        else resolve(message as Message);
      };
      void this.exited.then(({ code, signal }) => finish(new Error(`${this.name} exited (${signal ?? `code ${code}`}) before the expected message`)));
    });
  }

  /** Suspends it (SIGSTOP): its timers, sockets and clock readings freeze, as in a long GC pause. */
  pause(): void {
    if (!this.alive || this.paused) return;
    this.child.kill('SIGSTOP');
    this.pauses.push({ from: monotonicMs(), to: undefined });
  }

  /** Resumes it (SIGCONT). */
  resume(): void {
    if (!this.paused) return;
    this.child.kill('SIGCONT');
    this.pauses[this.pauses.length - 1].to = monotonicMs();
  }

  /**
   * Kills it (SIGKILL) as a crash would.
   *
   * @returns when it has exited, with the monotonic time right after the signal was sent
   */
  async kill(): Promise<number> {
    const at = this.killNow();
    await this.exited;
    return at;
  }

  /**
   * Asks it to stop with `message` (or SIGTERM), and kills it if it takes longer than `graceMs`.
   *
   * @param graceMs how long it may take
   * @param message an IPC message that tells it to stop, when it understands one
   * @returns how it exited
   */
  async stop(graceMs: number, message?: unknown): Promise<ChaosExit> {
    if (this.alive) {
      this.resume();
      if (message === undefined) this.child.kill('SIGTERM');
      else this.send(message);
    }
    const timer = setTimeout(() => this.killNow(), graceMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }

  /** @internal Sends SIGCONT then SIGKILL without waiting; returns when it was sent. */
  killNow(): number {
    if (this.alive) {
      this.child.kill('SIGCONT');
      this.child.kill('SIGKILL');
    }
    const at = monotonicMs();
    if (this.paused) this.pauses[this.pauses.length - 1].to = at;
    return at;
  }
}

/**
 * Kills every child still running and waits until they have exited. Call it from `afterAll`, so a
 * failing test leaves no process behind.
 */
export async function stopAllChaosProcesses(): Promise<void> {
  await Promise.all([...running].map((child) => child.kill()));
}

/**
 * Strips the types of every TypeScript source under the given folders once, in this process, so
 * that N children started at once only read the loader's cache instead of each transpiling.
 *
 * @param folders paths relative to the repository root, e.g. `packages/core/src`
 */
export async function warmTypescript(folders: readonly string[]): Promise<void> {
  const files = await Promise.all(
    folders.map(async (folder) => (await readdir(join(REPOSITORY, folder), { recursive: true })).map((file) => join(REPOSITORY, folder, file))),
  );
  const sources = files.flat().filter((file) => file.endsWith('.ts') && !file.endsWith('.spec.ts') && !file.endsWith('.test-d.ts') && !file.endsWith('.d.ts'));
  await Promise.all(sources.map(async (file) => transpileCached(file, await readFile(file, 'utf8'))));
}
