import type { Redis } from 'ioredis';
import { duration, INVALID, InvalidOptionError, type Duration } from '@bulwark/core';
import { FENCED_SET } from './lock.scripts.js';
import { lockMessages } from './lock.messages.js';

const ttlRule = duration({ min: 1 });

/** A value written by `fencedSet`, with the token that wrote it. */
export interface FencedValue {
  readonly token: number;
  readonly value: string;
}

/**
 * Writes `value` at `key` on the protected resource only if no holder with a larger fencing token
 * has written there: the check that makes a lock safe against a holder that was paused while its
 * lease ran out. A write with the same token as the last is accepted (the same holder again).
 * The key is a hash with fields `token` and `value`; read it with `fencedGet`.
 *
 * @param client the Redis that holds the protected data (any client, not necessarily a lock node)
 * @param key the hash to write
 * @param token the writer's `LockHandle.token`
 * @param value the data
 * @param options `ttl`: expire the key this long after the write @default none
 * @returns true when written; false when refused because a newer holder has written
 * @throws InvalidOptionError when `token` is not a non-negative integer, or `ttl` not a duration
 * @example
 * await lock.using('prices', async ({ token }) => {
 *   if (!(await fencedSet(redis, 'prices:current', token, JSON.stringify(prices)))) throw new Error('stale holder');
 * });
 */
export async function fencedSet(client: Redis, key: string, token: number, value: string, options?: { ttl?: Duration }): Promise<boolean> {
  if (!Number.isSafeInteger(token) || token < 0) {
    throw new InvalidOptionError('fencedSet.token', token, lockMessages.invalidToken(token));
  }
  const ttlMs = options?.ttl === undefined ? 0 : ttlRule.parse(options.ttl);
  if (ttlMs === INVALID) throw new InvalidOptionError('fencedSet.ttl', options?.ttl, lockMessages.invalidFencedTtl(options?.ttl, ttlRule.expected));
  return (await FENCED_SET.run(client, key, token, value, Math.ceil(ttlMs))) === 1;
}

/**
 * Reads what `fencedSet` wrote.
 *
 * @param client the Redis that holds the protected data
 * @param key the hash `fencedSet` wrote
 * @returns the value and the token that wrote it, or `undefined` when nothing was written
 */
export async function fencedGet(client: Redis, key: string): Promise<FencedValue | undefined> {
  const [token, value] = await client.hmget(key, 'token', 'value');
  return token === null || value === null ? undefined : { token: Number(token), value };
}
