import type { RedisServer } from '@bulwark/test/support';
import type { ChaosProcess } from '../support/chaos-process.js';
import type { ChaosProxy } from '../support/tcp-proxy.js';
import type { ElectionTiming, TokenScheme, WorkerEvent } from './election.types.js';
import type { TermRef } from './term-log.js';

/** How a harness runs. */
export interface ElectionHarnessOptions {
  /** The lock nodes (independent masters, with AOF so a restarted node remembers its fences). */
  readonly nodes: readonly RedisServer[];
  /** The Redis behind the protected resource; never faulted. */
  readonly resourceRedis: RedisServer;
  /** Unique per run: the election's name and the resource's key. */
  readonly name: string;
  readonly workers: number;
  readonly timing: ElectionTiming;
  readonly commandTimeoutMs: number;
  /** Added to lease + retry × (1 + jitter) to bound a failover. */
  readonly failoverMarginMs: number;
  /** Whether the resource checks tokens; `false` is a canary. @default true */
  readonly fencing?: boolean;
  /** @default 'library' */
  readonly tokens?: TokenScheme;
  /** @default 50 */
  readonly writeIntervalMs?: number;
}

/** One application instance: a slot whose process may be killed and started again. */
export interface WorkerSlot {
  readonly label: string;
  /** One proxy per lock node: this instance's links. */
  readonly proxies: readonly ChaosProxy[];
  process: ChaosProcess<WorkerEvent>;
  generation: number;
  /** The term this slot's process reported and has not revoked yet. */
  openTerm: TermRef | undefined;
}
