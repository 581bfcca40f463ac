import type { CacheEntry } from '@bulwark/core';
import { redisMessages } from '../redis.messages.js';
import { SerializationError } from '../serialization/serialization.error.js';

/**
 * @internal How an entry is laid out before encoding: short field names, because every byte is
 * stored once per key and sent on every read.
 */
interface StoredEntry {
  v: unknown;
  c: number;
  e: number;
  s: number;
  t?: readonly string[];
  m?: number;
}

/** @internal @returns the record the serializer encodes for `entry` */
export function toStoredEntry(entry: CacheEntry<unknown>): StoredEntry {
  const stored: StoredEntry = { v: entry.value, c: entry.createdAt, e: entry.expiresAt, s: entry.staleUntil };
  if (entry.tags !== undefined && entry.tags.length > 0) stored.t = entry.tags;
  if (entry.computeMs !== undefined) stored.m = entry.computeMs;
  return stored;
}

/**
 * @internal Checks what the serializer decoded: a payload planted or damaged in Redis must not reach
 * the cache engine as an entry.
 *
 * @throws SerializationError when the decoded value is not a well-formed entry
 */
export function fromStoredEntry<T>(decoded: unknown): CacheEntry<T> {
  if (typeof decoded !== 'object' || decoded === null) return malformed('it is not an object');
  const { v, c, e, s, t, m } = decoded as Partial<StoredEntry>;
  if (!isTime(c) || !isTime(e) || !isTime(s)) return malformed('its times (c, e, s) are not all numbers');
  if (v === undefined) return malformed('it has no value (v)');
  if (t !== undefined && !(Array.isArray(t) && t.every((tag) => typeof tag === 'string'))) return malformed('its tags (t) are not strings');
  if (m !== undefined && !isTime(m)) return malformed('its compute time (m) is not a number');
  const entry: { -readonly [K in keyof CacheEntry<T>]: CacheEntry<T>[K] } = { value: v as T, createdAt: c, expiresAt: e, staleUntil: s };
  if (t !== undefined) entry.tags = t;
  if (m !== undefined) entry.computeMs = m;
  return entry;
}

function isTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function malformed(detail: string): never {
  throw new SerializationError(redisMessages.malformedEntry(detail), '$');
}
