import { Buffer } from 'node:buffer';
import { hash } from 'node:crypto';
import { stableSerialize } from './stable-serialize.js';

/**
 * @internal The digest part of a cache key, for callers that validated the names once already.
 *
 * @throws TypeError when `args` cannot be serialized (see `stableSerialize`)
 */
export function argumentsDigest(args: readonly unknown[]): string {
  return digest(stableSerialize(args, 'arguments'));
}

/**
 * @internal base64url SHA-256 of a string, hashed as UTF-16 so lone surrogates cannot collide.
 * One-shot `crypto.hash` rather than a `Hash` object: the same digest in about half the time.
 */
export function digest(serialized: string): string {
  return hash('sha256', Buffer.from(serialized, 'utf16le'), 'base64url');
}
