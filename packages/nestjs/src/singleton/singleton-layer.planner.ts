import { Inject, Injectable } from '@nestjs/common';
import { messages } from '../bulwark.messages.js';
import type { ReturnKind } from '../invocation/method-plan.js';
import type { MethodLayer } from '../invocation/method-layer.js';
import type { SingletonOptions } from '../metadata/singleton.metadata.js';
import { BULWARK_OPTIONS, type ResolvedBulwarkOptions } from '../options/bulwark-options.token.js';
import { locateOptionError } from '../options/option-errors.js';
import { BulwarkLocks } from './bulwark-locks.js';
import { LeaderModeLayer } from './leader-mode.layer.js';
import { LockModeLayer } from './lock-mode.layer.js';
import { SingletonContext } from './singleton.context.js';
import { resolveSingletonOptions } from './singleton.settings.js';

/** The singleton decoration of one method. */
export interface SingletonDecorations {
  readonly singleton?: { readonly options: SingletonOptions };
}

/**
 * Turns `@Singleton` into the outermost layer of a method, checking at bootstrap what could only
 * fail later: the options, and a return type the mode can hold a lock around. A leader-only
 * method joins its election here, so the election is campaigned in from bootstrap.
 */
@Injectable()
export class SingletonLayerPlanner {
  constructor(
    private readonly locks: BulwarkLocks,
    private readonly context: SingletonContext,
    @Inject(BULWARK_OPTIONS) private readonly options: ResolvedBulwarkOptions,
  ) {}

  /**
   * @param decorations the method's singleton decoration
   * @param label `Class.method`
   * @param returns how the method returns
   * @returns the layer, or none for a method without `@Singleton`
   * @throws Error naming `Class.method`, the option and the fix
   */
  plan(decorations: SingletonDecorations, label: string, returns: ReturnKind): MethodLayer[] {
    const { singleton } = decorations;
    if (!singleton) return [];
    const defaults = { election: this.options.lock.election.name, commandTimeoutMs: this.locks.commandTimeoutMs };
    const settings = locateOptionError(`${label} @Singleton`, messages.singletonFix, () => resolveSingletonOptions(label, singleton.options, defaults));
    const deps = { locks: this.locks, context: this.context };
    if (settings.mode === 'leader') return [new LeaderModeLayer(label, settings, this.locks.elector(settings.name), deps, returns)];
    if (returns !== 'promise' && returns !== 'observable') throw new Error(messages.singletonLockNeedsAsync(label, returns));
    return [new LockModeLayer(label, settings, this.locks.lock, deps, returns)];
  }
}
