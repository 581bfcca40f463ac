import { InvalidOptionError, custom, duration, oneOf, text, validateOptions, type LockAcquireOptions } from '@bulwark/core';
import { messages } from '../bulwark.messages.js';
import type { SingletonOnLocked, SingletonOptions } from '../metadata/singleton.metadata.js';

/** What both modes of a `@Singleton` method run with, validated once at bootstrap. */
interface CommonSettings {
  /** The lock's name, or the election's. */
  readonly name: string;
  readonly onLocked: SingletonOnLocked;
  readonly skipResult: unknown;
}

/** A lock-mode method's settings: the options of every `acquire`, or `undefined` for the lock's defaults. */
export interface LockModeSettings extends CommonSettings {
  readonly mode: 'lock';
  readonly acquire: LockAcquireOptions | undefined;
}

/** A leader-only method's settings. */
export interface LeaderModeSettings extends CommonSettings {
  readonly mode: 'leader';
}

/** Module-wide facts the options are checked against. */
export interface SingletonDefaults {
  /** The default election's name. */
  readonly election: string;
  /** The lock nodes' command timeout in ms; 0 in-process. */
  readonly commandTimeoutMs: number;
}

const COMMON_RULES = {
  mode: oneOf(['lock', 'leader']),
  name: text(),
  onLocked: oneOf(['skip', 'throw']),
  skipResult: custom<unknown>('any value', (value) => value),
};
const LOCK_RULES = { ...COMMON_RULES, waitTimeout: duration({ finite: false }), lockAtMostFor: duration({ min: 1 }), lockAtLeastFor: duration() };
const LOCK_ONLY = ['waitTimeout', 'lockAtMostFor', 'lockAtLeastFor'] as const;

/**
 * Validates a `@Singleton` decoration and fills in defaults.
 *
 * @param label `Class.method`, the default lock name
 * @param options what the decorator was given
 * @param defaults the default election and the lock nodes' command timeout
 * @returns the settings the method runs with
 * @throws InvalidOptionError naming the option, the value and what is allowed
 */
export function resolveSingletonOptions(label: string, options: SingletonOptions, defaults: SingletonDefaults): LockModeSettings | LeaderModeSettings {
  const mode = (options as { mode?: unknown } | undefined)?.mode;
  if (mode === undefined) throw new InvalidOptionError('@Singleton.mode', undefined, messages.singletonMissingMode(label));
  if (mode === 'leader') {
    const lockOnly = LOCK_ONLY.find((option) => (options as unknown as Record<string, unknown>)[option] !== undefined);
    if (lockOnly) throw new InvalidOptionError(`@Singleton.${lockOnly}`, (options as unknown as Record<string, unknown>)[lockOnly], messages.singletonLockOnly(label, lockOnly));
    const valid = validateOptions('@Singleton', options, COMMON_RULES);
    return { mode: 'leader', name: valid.name ?? defaults.election, onLocked: valid.onLocked ?? 'skip', skipResult: valid.skipResult };
  }
  const valid = validateOptions('@Singleton', options, LOCK_RULES);
  return {
    mode: 'lock',
    name: valid.name ?? label,
    onLocked: valid.onLocked ?? 'skip',
    skipResult: valid.skipResult,
    acquire: acquireOptions(label, valid, defaults.commandTimeoutMs),
  };
}

function acquireOptions(
  label: string,
  { waitTimeout, lockAtMostFor, lockAtLeastFor }: { waitTimeout?: number; lockAtMostFor?: number; lockAtLeastFor?: number },
  commandTimeoutMs: number,
): LockAcquireOptions | undefined {
  if (lockAtMostFor !== undefined && lockAtLeastFor !== undefined && lockAtLeastFor > lockAtMostFor) {
    throw new InvalidOptionError('@Singleton.lockAtLeastFor', lockAtLeastFor, messages.singletonHoldOrder(label, lockAtLeastFor, lockAtMostFor));
  }
  if (lockAtMostFor !== undefined && commandTimeoutMs > 0 && lockAtMostFor <= 2 * commandTimeoutMs) {
    throw new InvalidOptionError('@Singleton.lockAtMostFor', lockAtMostFor, messages.singletonLeaseTooShort(label, lockAtMostFor, commandTimeoutMs));
  }
  const acquire: LockAcquireOptions = {
    ...(waitTimeout ? { waitTimeout } : {}),
    ...(lockAtMostFor !== undefined ? { ttl: lockAtMostFor, autoExtend: false } : {}),
    ...(lockAtLeastFor ? { minHold: lockAtLeastFor } : {}),
  };
  // No options at all lets the lock use its validated defaults instead of re-checking them per call.
  return Object.keys(acquire).length === 0 ? undefined : acquire;
}
