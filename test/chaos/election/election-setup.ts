import { useRedisServers, type RedisServer } from '@bulwark/test/support';
import { afterAll, beforeAll } from 'vitest';
import { stopAllChaosProcesses, warmTypescript } from '../support/chaos-process.js';
import type { ElectionHarnessOptions } from './election-harness.js';
import type { ElectionTiming } from './election.types.js';

/** Lock nodes and application instances, as the issue asks: 5 and 3. */
export const LOCK_NODES = 5;
export const WORKERS = 3;

/**
 * The election timing of the suite: Kubernetes' ratios (lease : renew deadline : retry =
 * 15 : 10 : 2) scaled down so a failover takes seconds. A leader that cannot renew steps down
 * `lease − renewDeadline` (1 s, less the drift allowance) before another can be elected.
 */
export const TIMING: ElectionTiming = { lease: 2_500, renewDeadline: 1_500, retryPeriod: 300, retryJitter: 0.2 };

/** The lock's per-node command timeout (its default). */
export const COMMAND_TIMEOUT_MS = 100;

/**
 * Added to lease + 1.2 × retry for the failover bound: two acquisition rounds of at most a command
 * timeout each, process scheduling on a loaded CI machine, and the timer lag of a woken process.
 */
export const FAILOVER_MARGIN_MS = 750;

/**
 * Redis nodes that do not forget: the fencing argument needs a restarted node to keep the fences
 * it recorded (README, "Fencing tokens"), so lock nodes run with AOF, fsync on every write.
 */
const DURABLE = ['--appendonly', 'yes', '--appendfsync', 'always'];

/** Sources the worker processes run, transpiled once before they start. */
const WORKER_SOURCES = ['packages/core/src', 'packages/redis/src', 'test/chaos/fixtures', 'test/chaos/election', 'test/chaos/support'];

/**
 * Declares the servers of an election suite (5 durable lock nodes and the resource's Redis),
 * warms the TypeScript cache for the workers, and kills every child process after the suite.
 *
 * @returns the servers, filled in by `beforeAll`, and a function that builds harness options
 */
export function useElectionServers(): {
  readonly nodes: readonly RedisServer[];
  readonly resourceRedis: readonly RedisServer[];
  options(name: string, overrides?: Partial<ElectionHarnessOptions>): ElectionHarnessOptions;
} {
  const nodes = useRedisServers(LOCK_NODES, { args: DURABLE });
  const resourceRedis = useRedisServers(1);
  beforeAll(() => warmTypescript(WORKER_SOURCES), 120_000);
  afterAll(stopAllChaosProcesses);
  return {
    nodes,
    resourceRedis,
    options: (name, overrides) => ({
      nodes,
      resourceRedis: resourceRedis[0],
      name,
      workers: WORKERS,
      timing: TIMING,
      commandTimeoutMs: COMMAND_TIMEOUT_MS,
      failoverMarginMs: FAILOVER_MARGIN_MS,
      ...overrides,
    }),
  };
}
