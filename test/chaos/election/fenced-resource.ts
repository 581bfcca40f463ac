import { fileURLToPath } from 'node:url';
import { ChaosProcess } from '../support/chaos-process.js';
import type { ResourceAttempt, ResourceConfig, ResourceEvent } from './election.types.js';

const RESOURCE = fileURLToPath(new URL('../fixtures/fenced-resource.worker.ts', import.meta.url));

/** The protected resource of an election run: a process that applies fenced writes and logs every attempt. */
export class FencedResource {
  private constructor(
    private readonly process: ChaosProcess<ResourceEvent>,
    /** The loopback port workers write to. */
    readonly port: number,
  ) {}

  /**
   * Starts the resource process.
   *
   * @param config its Redis, key, and whether it checks tokens
   * @param timeoutMs how long it may take to listen
   * @returns the listening resource
   */
  static async start(config: ResourceConfig, timeoutMs: number): Promise<FencedResource> {
    const process = ChaosProcess.start<ResourceEvent>({ name: 'fenced resource', script: RESOURCE, env: { CHAOS_RESOURCE: JSON.stringify(config) } });
    const listening = await process.next((event): event is Extract<ResourceEvent, { type: 'listening' }> => event.type === 'listening', timeoutMs);
    return new FencedResource(process, listening.port);
  }

  /** @returns every write attempt, in the order Redis applied them; then the process stops */
  async log(): Promise<readonly ResourceAttempt[]> {
    const log = this.process.next((event): event is Extract<ResourceEvent, { type: 'log' }> => event.type === 'log', 5_000);
    this.process.send({ cmd: 'log' });
    const { attempts } = await log;
    await this.process.stop(1_000);
    return attempts;
  }

  /** Kills the process. */
  async kill(): Promise<void> {
    await this.process.kill();
  }
}
