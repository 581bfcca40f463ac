/** How a worker derives the token it writes with. */
export type TokenScheme =
  /** The fencing token `RedisLock` hands out: strictly increasing per name across all holders. */
  | 'library'
  /** Canary: the largest of a per-node `INCR` over the nodes that answer; known to go backwards. */
  | 'naive';

/** The election timing every worker uses, in milliseconds. */
export interface ElectionTiming {
  readonly lease: number;
  readonly renewDeadline: number;
  readonly retryPeriod: number;
  readonly retryJitter: number;
}

/** What a worker is told at start, as JSON in `CHAOS_WORKER`. */
export interface WorkerConfig {
  /** The slot's label, e.g. `w2`; elector ids are `<slot>.<generation>.<n>`. */
  readonly slot: string;
  /** How many times this slot's process was started before. */
  readonly generation: number;
  /** The election's name. */
  readonly election: string;
  /** One port per lock node: this worker's proxies to the nodes. */
  readonly nodePorts: readonly number[];
  /** The resource process's port. */
  readonly resourcePort: number;
  readonly timing: ElectionTiming;
  /** The lock's per-node command timeout. */
  readonly commandTimeoutMs: number;
  readonly tokens: TokenScheme;
  /** How often the leader writes to the resource. */
  readonly writeIntervalMs: number;
}

/** What the parent tells a worker. */
export type WorkerCommand = { readonly cmd: 'status' } | { readonly cmd: 'resign' } | { readonly cmd: 'stop' };

/** What a worker reports; `at` is `monotonicMs()` in the worker. */
export type WorkerEvent =
  | { readonly type: 'ready'; readonly at: number }
  | { readonly type: 'elected'; readonly id: string; readonly token: number; readonly at: number }
  | { readonly type: 'revoked'; readonly id: string; readonly token: number; readonly reason: string; readonly at: number }
  | { readonly type: 'status'; readonly id: string; readonly leader: boolean; readonly currentLeader: string | undefined; readonly nodes: readonly string[] }
  | { readonly type: 'resigned'; readonly id: string }
  | { readonly type: 'stopped'; readonly writes: number; readonly refused: number };

/** One attempt at the resource, as the resource logged it, in the order it applied them. */
export interface ResourceAttempt {
  /** When it arrived, on the resource's monotonic clock. */
  readonly at: number;
  readonly token: number;
  /** The elector id of the writer. */
  readonly writer: string;
  readonly accepted: boolean;
}

/** What the parent tells the resource process. */
export type ResourceCommand = { readonly cmd: 'log' };

/** What the resource process reports. */
export type ResourceEvent = { readonly type: 'listening'; readonly port: number } | { readonly type: 'log'; readonly attempts: readonly ResourceAttempt[] };

/** What the resource process is told at start, as JSON in `CHAOS_RESOURCE`. */
export interface ResourceConfig {
  /** The Redis that holds the protected value. */
  readonly redisPort: number;
  /** The hash `fencedSet` writes. */
  readonly key: string;
  /** Whether it refuses tokens smaller than the largest seen; `false` is the canary. */
  readonly fencing: boolean;
}
