import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import {
  InvalidOptionError,
  Lock,
  LOCK_ACQUIRE_RULES,
  LockNotAcquiredError,
  lockRequestFrom,
  text,
  validateOptions,
  type LockHandle,
  type LockNotAcquiredReason,
  type LockRequest,
} from '@bulwark/core';
import { lockMessages } from './lock.messages.js';
import { RedisLockNode, type LockKeys } from './lock.node.js';
import { LockQuorum, type QuorumAcquired } from './lock.quorum.js';
import { RedisLockHandle } from './redis-lock.handle.js';
import type { RedisLockAcquireOptions, RedisLockOptions } from './redis-lock.options.js';
import { checkTtl, resolveRedisLockOptions, type RedisLockSettings } from './redis-lock.settings.js';

const PATH = 'redisLock';
const ACQUIRE_RULES = { ...LOCK_ACQUIRE_RULES, owner: text() };
/** Random hex of the owner value, before `:<owner>`: unique per acquire call. */
const NONCE_LENGTH = 32;

/**
 * A lock over N independent Redis masters with the Redlock algorithm: a lease is held when a
 * majority (N/2 + 1) took it within its validity. Every lease carries a fencing token that strictly
 * increases per name across all holders, even when different majorities answer.
 *
 * @example
 * const lock = new RedisLock([redisA, redisB, redisC], { ttl: '30s', waitTimeout: '5s' });
 * await lock.using('invoice-run', async ({ token, signal }) => {
 *   await db.query('UPDATE runs SET state = $3, last_token = $1 WHERE id = $2 AND last_token <= $1', [token, runId, 'done']);
 * });
 */
export class RedisLock extends Lock {
  /** One client per independent Redis master, as given. */
  readonly clients: readonly Redis[];
  /** How long a node may take to reply, in milliseconds. */
  readonly commandTimeoutMs: number;
  private readonly settings: RedisLockSettings;
  private readonly lockQuorum: LockQuorum;

  /**
   * @param clients one ioredis client per independent Redis master (not replicas of each other)
   * @param options acquire defaults, timeouts, retry pacing, owner and clock
   * @throws InvalidOptionError naming the option, the value and what is allowed
   */
  constructor(clients: Redis | readonly Redis[], options?: RedisLockOptions) {
    super();
    this.clients = checkClients(Array.isArray(clients) ? clients : [clients as Redis]);
    this.settings = resolveRedisLockOptions(options);
    this.commandTimeoutMs = this.settings.commandTimeoutMs;
    this.lockQuorum = new LockQuorum({
      nodes: this.clients.map((client) => new RedisLockNode(client)),
      commandTimeoutMs: this.settings.commandTimeoutMs,
      driftFactor: this.settings.driftFactor,
      clock: this.settings.clock,
    });
  }

  /** How many nodes must agree: N/2 + 1. */
  get quorum(): number {
    return this.lockQuorum.quorum;
  }

  /**
   * Takes the lock on a majority of nodes, retrying with jittered pauses for up to `waitTimeout`.
   *
   * @param name the lock's name
   * @param options the lease, the wait and the owner; each defaults to the lock's
   * @returns the held lease, with its fencing token and lost-lease signal
   * @throws LockNotAcquiredError when no attempt succeeded within `waitTimeout`, with the reason of
   *   the last: `held`, `unavailable` (too few nodes answered) or `too-slow`
   * @throws InvalidOptionError when an option is unknown or out of range
   * @throws the signal's reason when `options.signal` aborts first
   */
  async acquire(name: string, options?: RedisLockAcquireOptions): Promise<LockHandle> {
    const { request, owner } = this.requestOf(options);
    request.signal?.throwIfAborted();
    const keys = this.keysOf(name);
    const value = `${randomBytes(NONCE_LENGTH / 2).toString('hex')}:${owner}`;
    const { clock } = this.settings;
    const startedAt = clock.now();
    for (let attempts = 1; ; attempts++) {
      const result = await this.lockQuorum.acquire(keys, value, request.ttlMs);
      if (result.ok) return this.granted(name, keys, value, request, result, startedAt);
      const remainingMs = startedAt + request.waitTimeoutMs - clock.now();
      if (remainingMs <= 0 || request.signal?.aborted) return this.refused(name, result.reason, startedAt, attempts, request);
      await pause(Math.min(remainingMs, this.retryDelayMs()), request.signal);
    }
  }

  /**
   * Like `acquire`, but resolves `undefined` instead of throwing when the lock is not acquired.
   *
   * @param name the lock's name
   * @param options the lease, the wait and the owner
   * @returns the held lease, or `undefined`
   */
  override tryAcquire(name: string, options?: RedisLockAcquireOptions): Promise<LockHandle | undefined> {
    return super.tryAcquire(name, options);
  }

  /**
   * Runs `fn` while holding the lock, then releases it; see `Lock.using`.
   *
   * @param name the lock's name
   * @param fn the exclusive work
   * @param options the lease, the wait and the owner
   * @returns what `fn` returned
   */
  override using<T>(name: string, fn: (handle: LockHandle) => PromiseLike<T> | T, options?: RedisLockAcquireOptions): Promise<T> {
    return super.using(name, fn, options);
  }

  /**
   * Tells who holds a lock, as far as a majority of nodes agree.
   *
   * @param name the lock's name
   * @returns the holder's `owner`, or `undefined` when no majority agrees on one
   */
  async holder(name: string): Promise<string | undefined> {
    return (await this.lockQuorum.holder(this.keysOf(name)))?.slice(NONCE_LENGTH + 1);
  }

  private requestOf(options: RedisLockAcquireOptions | undefined): { request: LockRequest; owner: string } {
    if (options === undefined) return { request: this.settings.defaults, owner: this.settings.owner };
    const valid = validateOptions(`${PATH}.acquire`, options, ACQUIRE_RULES);
    const request = lockRequestFrom(this.settings.defaults, valid);
    if (valid.ttl !== undefined) checkTtl(`${PATH}.acquire`, 'ttl', request.ttlMs, this.settings.commandTimeoutMs, options.ttl);
    return { request, owner: valid.owner ?? this.settings.owner };
  }

  private keysOf(name: string): LockKeys {
    const lock = `${this.settings.keyPrefix}{${name}}`;
    return { lock, fence: `${lock}:fence` };
  }

  private granted(name: string, keys: LockKeys, value: string, request: LockRequest, won: QuorumAcquired, startedAt: number): LockHandle {
    const context = { quorum: this.lockQuorum, emitters: this.emitters, clock: this.settings.clock };
    const handle = new RedisLockHandle(context, name, keys, value, request, won);
    if (request.signal?.aborted) {
      // The caller gave up while the last attempt was in flight: hold nothing.
      void handle.release().catch(() => undefined);
      throw request.signal.reason;
    }
    this.emitters.acquired.emit({ name, token: handle.token, waitedMs: won.startedAt - startedAt });
    return handle;
  }

  private refused(name: string, reason: LockNotAcquiredReason, startedAt: number, attempts: number, request: LockRequest): never {
    request.signal?.throwIfAborted();
    throw LockNotAcquiredError.fastFail(name, reason, this.settings.clock.now() - startedAt, attempts);
  }

  private retryDelayMs(): number {
    const { retryDelayMs, retryJitter, random } = this.settings;
    return retryDelayMs * (1 + retryJitter * (2 * random() - 1));
  }
}

function checkClients(clients: readonly Redis[]): readonly Redis[] {
  if (clients.length === 0) throw new InvalidOptionError(`${PATH}.clients`, clients, lockMessages.noClients(`${PATH}.clients`));
  clients.forEach((client, index) => {
    if (typeof (client as Partial<Redis> | null)?.evalsha !== 'function') {
      throw new InvalidOptionError(`${PATH}.clients[${index}]`, client, lockMessages.notAClient(`${PATH}.clients`, index));
    }
  });
  return [...clients];
}

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
