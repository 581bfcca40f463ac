import { InMemoryLeaderElector, InMemoryLock, type LeaderElector, type Lock } from '@bulwark/core';
import { failFastRedisOptions, RedisLeaderElector } from '@bulwark/redis';
import { Redis } from 'ioredis';
import type { LockNodeOption } from '../options/lock-module.options.js';
import type { ResolvedLockOptions } from '../options/resolve-lock-options.js';
import { SightedRedisLock, type LeaseSighting } from './sighted-redis.lock.js';

/** Where an application's locks and elections live: this process, or N Redis masters. */
export interface LockBackend {
  readonly lock: Lock;
  /** One client per lock node; empty in-process. */
  readonly clients: readonly Redis[];
  /** How many nodes must agree: N/2 + 1, or 1 in-process. */
  readonly quorum: number;
  /** How long one node may take to answer, in ms; 0 in-process. */
  readonly commandTimeoutMs: number;
  /** @returns a new elector for the named election, not started */
  createElector(name: string): LeaderElector;
  /** @returns when the named lock was last seen held, and by whom (Redis only) */
  sighting(lockName: string): LeaseSighting | undefined;
  /** Opens the connections the backend owns (they stay closed until then, so a failed bootstrap leaves none behind). */
  connect(): void;
  /** Resolves once a majority of nodes is connected, or after `timeoutMs`, whichever comes first. */
  ready(timeoutMs: number): Promise<void>;
  /** Closes the connections the backend opened (never a client the application passed in). */
  close(): void;
}

/**
 * Builds the backend the options ask for: the embedded in-process lock and elector, or Redlock
 * over the configured Redis nodes with leader election on top.
 *
 * @param options the resolved `lock` options
 * @returns the backend
 */
export function createLockBackend(options: ResolvedLockOptions): LockBackend {
  if (options.nodes === undefined) return inProcessBackend(options);
  const owned: Redis[] = [];
  const clients = options.nodes.map((node) => clientOf(node, options.commandTimeoutMs, owned));
  const lock = new SightedRedisLock(clients, options.lock);
  const { id, timing } = options.election;
  const electorTiming = { lease: timing.leaseMs, renewDeadline: timing.renewDeadlineMs, retryPeriod: timing.retryPeriodMs, retryJitter: timing.retryJitter };
  return {
    lock,
    clients,
    quorum: lock.quorum,
    commandTimeoutMs: lock.commandTimeoutMs,
    createElector: (name) => new RedisLeaderElector(lock, { name, ...(id !== undefined && { id }), ...electorTiming }),
    sighting: (lockName) => lock.sighting(lockName),
    connect: () => owned.forEach((client) => void client.connect().catch(() => undefined)),
    ready: (timeoutMs) => majorityReady(clients, lock.quorum, timeoutMs),
    close: () => owned.forEach((client) => client.disconnect()),
  };
}

function inProcessBackend(options: ResolvedLockOptions): LockBackend {
  return {
    lock: new InMemoryLock({ ttl: options.lock.ttl }),
    clients: [],
    quorum: 1,
    commandTimeoutMs: 0,
    createElector: (name) => new InMemoryLeaderElector({ name, ...(options.election.id !== undefined && { id: options.election.id }) }),
    sighting: () => undefined,
    connect: () => {},
    ready: async () => {},
    close: () => {},
  };
}

/** A client for one node: the application's own, or a fail-fast one Bulwark opens and closes. */
function clientOf(node: LockNodeOption, commandTimeoutMs: number, owned: Redis[]): Redis {
  if (isClient(node)) return node;
  // The lock bounds every command by commandTimeout itself. The offline queue stays on because
  // the election's subscriber connections are duplicates of these clients and must be able to
  // subscribe while still connecting; maxRetriesPerRequest 0 flushes it on every failed reconnect.
  const failFast = { ...failFastRedisOptions(commandTimeoutMs), enableOfflineQueue: true, lazyConnect: true };
  const client = typeof node === 'string' ? new Redis(node, failFast) : new Redis({ ...failFast, ...node });
  // Unreachable nodes show on the health indicator; ioredis would otherwise print every retry.
  client.on('error', () => undefined);
  owned.push(client);
  return client;
}

function isClient(node: LockNodeOption): node is Redis {
  return typeof (node as { evalsha?: unknown }).evalsha === 'function';
}

function majorityReady(clients: readonly Redis[], quorum: number, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    let ready = clients.filter((client) => client.status === 'ready').length;
    if (ready >= quorum) return resolve();
    const timer = setTimeout(finish, timeoutMs);
    const onReady = (): void => {
      if (++ready >= quorum) finish();
    };
    const waiting = clients.filter((client) => client.status !== 'ready');
    for (const client of waiting) client.once('ready', onReady);
    function finish(): void {
      clearTimeout(timer);
      for (const client of waiting) client.off('ready', onReady);
      resolve();
    }
  });
}
