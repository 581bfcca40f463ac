import { fork, type ChildProcess } from 'node:child_process';

/** How a service process ended. */
export interface ServiceExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** How a service process is started. */
export interface ServiceProcessOptions {
  /** Node's options for the child, e.g. a TypeScript loader to run it from source. @default this process's `execArgv` */
  readonly execArgv?: readonly string[];
  /** Keep the child's stdout and stderr (see `output()`) instead of passing them through. @default false */
  readonly capture?: boolean;
}

/** How much captured output is kept: the most recent characters. */
const CAPTURED_CHARS = 1_000_000;

/** What a service sends over IPC once it listens (see each app's `main.ts`). */
interface ListeningMessage {
  readonly kind: 'listening';
  readonly url: string;
}

/**
 * One sample service as a child process: forked with an IPC channel (over which it reports its
 * URL, and whose closing tells it to stop if the launcher dies), in a process group of its own so
 * that only the launcher decides when it stops.
 */
export class ServiceProcess {
  private child: ChildProcess | undefined;
  private exit: Promise<ServiceExit> | undefined;
  private captured = '';

  /**
   * @param name e.g. `inventory-service`
   * @param script the service's entry point (`dist/main.js`, or `src/main.ts` when run from source)
   * @param options Node's options for the child, and whether to capture its output
   */
  constructor(
    readonly name: string,
    private readonly script: string,
    private readonly options: ServiceProcessOptions = {},
  ) {}

  /** @returns what the child printed so far, when started with `capture` (the last million characters) */
  output(): string {
    return this.captured;
  }

  /** The process id, once started. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Settles when the process has exited; `undefined` before `start`. */
  get exited(): Promise<ServiceExit> | undefined {
    return this.exit;
  }

  /**
   * Starts the service and waits until it listens.
   *
   * @param env the service's environment
   * @param timeoutMs how long it may take
   * @returns the URL it listens on
   * @throws Error when the service exits or takes too long before listening
   */
  start(env: NodeJS.ProcessEnv, timeoutMs: number): Promise<string> {
    const child = this.spawnChild(env);
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.name} did not listen within ${timeoutMs} ms.`)), timeoutMs);
      child.on('message', (message: unknown) => {
        if (!isListening(message)) return;
        clearTimeout(timer);
        resolve(message.url);
      });
      void this.exit?.then(({ code, signal }) => {
        clearTimeout(timer);
        const output = this.options.capture === true ? `its output:\n${this.captured.slice(-4_000)}` : 'see its output above.';
        reject(new Error(`${this.name} exited (${signal ?? `code ${code}`}) before it listened; ${output}`));
      });
    });
  }

  private spawnChild(env: NodeJS.ProcessEnv): ChildProcess {
    const output = this.options.capture === true ? 'pipe' : 'inherit';
    const child = fork(this.script, [], {
      env,
      execArgv: [...(this.options.execArgv ?? process.execArgv)],
      stdio: ['ignore', output, output, 'ipc'],
      detached: true,
    });
    this.child = child;
    const keep = (chunk: Buffer): void => {
      this.captured = (this.captured + chunk.toString()).slice(-CAPTURED_CHARS);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exit = new Promise((resolve) => {
      child.once('exit', (code, signal) => resolve({ code, signal }));
      // A process that could not be spawned emits 'error' and no 'exit'.
      child.once('error', () => resolve({ code: child.exitCode, signal: child.signalCode }));
    });
    return child;
  }

  /**
   * Asks the service to stop (SIGTERM) and waits; kills it (SIGKILL) if it takes longer than the grace.
   *
   * @param graceMs how long it may take to close
   * @returns how it exited, or `undefined` if it never started
   */
  async stop(graceMs: number): Promise<ServiceExit | undefined> {
    if (this.child === undefined || this.exit === undefined) return undefined;
    this.signal('SIGTERM');
    const timer = setTimeout(() => this.kill(), graceMs);
    try {
      return await this.exit;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Kills the service at once (SIGKILL). */
  kill(): void {
    this.signal('SIGKILL');
  }

  private signal(signal: NodeJS.Signals): void {
    const child = this.child;
    if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
    child.kill(signal);
  }
}

function isListening(message: unknown): message is ListeningMessage {
  const candidate = message as Partial<ListeningMessage> | null;
  return typeof candidate === 'object' && candidate !== null && candidate.kind === 'listening' && typeof candidate.url === 'string';
}
