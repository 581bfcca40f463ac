import type { InvalidationMessage } from '@bulwark/core';

const KINDS: ReadonlySet<unknown> = new Set(['key', 'prefix', 'tag']);

/** @internal @returns the text published for `message` */
export function encodeInvalidation(message: InvalidationMessage): string {
  return JSON.stringify({ kind: message.kind, value: message.value, at: message.at, origin: message.origin });
}

/**
 * @internal Reads a published message. Anyone who can PUBLISH on the server can write to the
 * channel, so the shape is checked rather than trusted.
 *
 * @returns the message, or `undefined` when the text is not one
 */
export function decodeInvalidation(text: string): InvalidationMessage | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { kind, value, at, origin } = parsed as Record<string, unknown>;
  if (!KINDS.has(kind) || typeof value !== 'string' || typeof at !== 'number' || !Number.isFinite(at) || typeof origin !== 'string') return undefined;
  return { kind: kind as InvalidationMessage['kind'], value, at, origin };
}
