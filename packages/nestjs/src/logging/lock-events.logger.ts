import type { Disposable } from '@bulwark/core';
import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { BULWARK_OPTIONS, type ResolvedBulwarkOptions } from '../options/bulwark-options.token.js';
import { BulwarkLocks } from '../singleton/bulwark-locks.js';
import type { ElectionEntry, SingletonRefusedEvent } from '../singleton/singleton.events.js';
import { loggingMessages } from './logging.messages.js';

/**
 * Writes leadership changes and lock trouble to Nest's `Logger` (context `'Bulwark'`): this
 * instance elected (log), stepping down (warn; log when it resigns on shutdown), a new leader elsewhere (log); a lost lease or an
 * unconfirmed release (warn, the lock's own message); a lock that cannot be taken for want of a
 * majority (warn once, then a log line once it can be taken again). Nothing is logged per call:
 * a call skipped because another instance holds the lock or leads is normal. Off with `logging: false`.
 *
 * @example
 * // [Bulwark] LOG Leader election "bulwark": this instance (web-2:4120:9f3c) is now the leader, term token 42
 */
@Injectable()
export class LockEventsLogger implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Bulwark');
  private readonly subscriptions: Disposable[] = [];
  /** Locks that could not be taken for want of a majority, until taken again. */
  private readonly unavailable = new Set<string>();

  constructor(
    private readonly locks: BulwarkLocks,
    @Inject(BULWARK_OPTIONS) private readonly options: ResolvedBulwarkOptions,
  ) {}

  /** Starts listening to the lock and every election, including those joined later. */
  onModuleInit(): void {
    if (!this.options.logging || this.subscriptions.length > 0) return;
    const { lock } = this.locks;
    this.subscriptions.push(
      lock.onLost(({ error }) => this.logger.warn(error.message)),
      lock.onReleaseFailed(({ error }) => this.logger.warn(error.message)),
      lock.onAcquired(({ name }) => this.available(name)),
      this.locks.onRefused((event) => this.refused(event)),
      this.locks.onElection((entry) => this.watch(entry)),
    );
    for (const entry of this.locks.elections()) this.watch(entry);
  }

  /** Stops listening, once `BulwarkLocks` has resigned (so the resignation is logged). */
  onApplicationShutdown(): void {
    for (const subscription of this.subscriptions.splice(0)) subscription.dispose();
  }

  private watch({ name, elector }: ElectionEntry): void {
    let failoverMs: number | undefined;
    this.subscriptions.push(
      this.locks.onFailover((event) => {
        if (event.election === name) failoverMs = event.ms;
      }),
      elector.onElected(({ id, token }) => {
        // BulwarkLocks listened first, when it created the elector: its failover event has fired.
        this.logger.log(loggingMessages.elected(name, id, token, failoverMs));
        failoverMs = undefined;
      }),
      elector.onRevoked(({ id, token, reason }) => {
        // Resigning on shutdown is the plan working; losing leadership any other way is news.
        const line = loggingMessages.revoked(name, id, token, reason);
        if (reason === 'resigned') this.logger.log(line);
        else this.logger.warn(line);
      }),
      elector.onNewLeader(({ leaderId }) => {
        if (leaderId !== elector.id) this.logger.log(loggingMessages.newLeader(name, leaderId));
      }),
    );
  }

  private refused({ mode, name, reason }: SingletonRefusedEvent): void {
    if (mode !== 'lock' || reason === 'held' || this.unavailable.has(name)) return;
    this.unavailable.add(name);
    this.logger.warn(loggingMessages.lockUnavailable(name, reason));
  }

  private available(name: string): void {
    if (this.unavailable.delete(name)) this.logger.log(loggingMessages.lockAvailable(name));
  }
}
