import { text } from '../options/option.rules.js';
import { validateOptions } from '../options/validate-options.js';
import type { Leadership } from './leader-elector.events.js';
import { LeaderElector } from './leader-elector.port.js';
import { LockLostError } from './lock-lost.error.js';

/** Options of the single-process elector. */
export interface InMemoryLeaderElectorOptions {
  /** The election's name, used in the lost-leadership error. @default 'leader' */
  name?: string;
  /** This instance's id. @default 'local' */
  id?: string;
}

/**
 * The elector for one process, the embedded default when no Redis is configured: there is no one
 * else to campaign against, so `start()` elects this instance at once (token 1) and `stop()`
 * resigns.
 *
 * @example
 * const elector = new InMemoryLeaderElector();
 * await elector.start();
 * elector.isLeader(); // true
 */
export class InMemoryLeaderElector extends LeaderElector {
  readonly id: string;
  private readonly name: string;
  private state: 'idle' | 'leading' | 'stopped' = 'idle';
  private term: { readonly leadership: Leadership; readonly controller: AbortController } | undefined;

  /**
   * @param options the election's name and this instance's id
   * @throws InvalidOptionError naming the option, the value and what is allowed
   */
  constructor(options?: InMemoryLeaderElectorOptions) {
    super();
    const valid = validateOptions('inMemoryLeaderElector', options, { name: text(), id: text() });
    this.name = valid.name ?? 'leader';
    this.id = valid.id ?? 'local';
  }

  async start(): Promise<void> {
    if (this.state !== 'idle') return;
    this.state = 'leading';
    const controller = new AbortController();
    this.term = { leadership: { token: 1, signal: controller.signal }, controller };
    this.electorEmitters.newLeader.emit({ leaderId: this.id });
    this.electorEmitters.elected.emit({ id: this.id, token: 1, signal: controller.signal });
  }

  async stop(): Promise<void> {
    const term = this.term;
    this.state = 'stopped';
    this.term = undefined;
    if (!term) return;
    const { token } = term.leadership;
    term.controller.abort(new LockLostError(this.name, token, 'resigned'));
    this.electorEmitters.revoked.emit({ id: this.id, token, reason: 'resigned' });
  }

  isLeader(): boolean {
    return this.term !== undefined;
  }

  currentLeader(): string | undefined {
    return this.term ? this.id : undefined;
  }

  leadership(): Leadership | undefined {
    return this.term?.leadership;
  }
}
