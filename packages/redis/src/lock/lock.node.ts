import type { Redis } from 'ioredis';
import { ACQUIRE, EXTEND, RECORD_FENCE, RELEASE } from './lock.scripts.js';

/** @internal The two keys a lock name uses on every node. */
export interface LockKeys {
  /** Holds the owner value while the lock is taken, with the lease as its TTL. */
  readonly lock: string;
  /** The largest fencing token this node has recorded for the name; never expires. */
  readonly fence: string;
}

/** @internal One node's answer to an acquire: whether it is ours now, and its recorded token. */
export interface NodeAcquireReply {
  readonly acquired: boolean;
  readonly fence: number;
}

/**
 * @internal One independent lock node as the Redlock algorithm sees it. The Redis implementation
 * runs a Lua script per method; tests substitute nodes that stall or fail on cue.
 */
export interface LockNode {
  acquire(keys: LockKeys, owner: string, ttlMs: number): Promise<NodeAcquireReply>;
  /** @returns true when we still held the lock and the fence is now at least `token` */
  recordFence(keys: LockKeys, owner: string, token: number): Promise<boolean>;
  /** @returns true when the lease is ours and extended (taken back, with `token`, where it was free); false when someone else's */
  extend(keys: LockKeys, owner: string, ttlMs: number, token: number): Promise<boolean>;
  /** @returns true when it was ours; false when already gone or someone else's (both fine) */
  release(keys: LockKeys, owner: string, keepMs: number): Promise<boolean>;
  /** @returns the owner value stored, or null when the lock is free on this node */
  read(keys: LockKeys): Promise<string | null>;
}

/** @internal A lock node backed by one ioredis client (one independent Redis master). */
export class RedisLockNode implements LockNode {
  /** @param client the node's connection */
  constructor(readonly client: Redis) {}

  async acquire(keys: LockKeys, owner: string, ttlMs: number): Promise<NodeAcquireReply> {
    const [acquired, fence] = (await ACQUIRE.run(this.client, keys.lock, keys.fence, owner, Math.ceil(ttlMs))) as [number, string];
    return { acquired: acquired === 1, fence: Number(fence) };
  }

  async recordFence(keys: LockKeys, owner: string, token: number): Promise<boolean> {
    return (await RECORD_FENCE.run(this.client, keys.lock, keys.fence, owner, token)) === 1;
  }

  async extend(keys: LockKeys, owner: string, ttlMs: number, token: number): Promise<boolean> {
    return (await EXTEND.run(this.client, keys.lock, keys.fence, owner, Math.ceil(ttlMs), token)) === 1;
  }

  async release(keys: LockKeys, owner: string, keepMs: number): Promise<boolean> {
    return (await RELEASE.run(this.client, keys.lock, owner, Math.ceil(keepMs))) === 1;
  }

  read(keys: LockKeys): Promise<string | null> {
    return this.client.get(keys.lock);
  }
}
