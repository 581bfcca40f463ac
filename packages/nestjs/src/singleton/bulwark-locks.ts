import { EventEmitter, systemClock, type Event, type LeaderElector, type Lock } from '@bulwark/core';
import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { BULWARK_OPTIONS, type ResolvedBulwarkOptions } from '../options/bulwark-options.token.js';
import { createLockBackend, type LockBackend } from './lock-backend.js';
import type { ElectionEntry, LeaderFailoverEvent, SingletonRefusedEvent } from './singleton.events.js';

/** How many lock nodes answered a ping, out of how many, and how many make a majority. */
export interface LockNodesReachability {
  readonly reachable: number;
  readonly total: number;
  readonly quorum: number;
}

/**
 * This application's lock and leader elections, for `@Singleton`: an in-process lock and elector,
 * or Redlock over the `lock.redis` nodes. An election is campaigned in only when something uses
 * it (a leader-only method, or `elector()`), so an instance that runs no leader-only method can
 * never be elected and leave the others leaderless. Electors start at application bootstrap and
 * resign at shutdown, so a successor takes over at once. Inject it to use the lock or an elector
 * by hand.
 *
 * @example
 * const handle = await locks.lock.tryAcquire('reindex', { ttl: '1m' });
 * locks.elector().isLeader();
 */
@Injectable()
export class BulwarkLocks implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  /** The lock `@Singleton({ mode: 'lock' })` takes: a `RedisLock` with `lock.redis`, else an `InMemoryLock`. */
  readonly lock: Lock;
  /** Fires for each `@Singleton` call that did not run, with the reason. */
  readonly onRefused: Event<SingletonRefusedEvent>;
  /** Fires for each election joined from now on. */
  readonly onElection: Event<ElectionEntry>;
  /** Fires when this instance is elected after another leader, with the time it took. */
  readonly onFailover: Event<LeaderFailoverEvent>;
  private readonly backend: LockBackend;
  private readonly electors = new Map<string, LeaderElector>();
  private readonly refused = new EventEmitter<SingletonRefusedEvent>();
  private readonly joined = new EventEmitter<ElectionEntry>();
  private readonly failedOver = new EventEmitter<LeaderFailoverEvent>();
  private phase: 'setup' | 'running' | 'stopped' = 'setup';

  constructor(@Inject(BULWARK_OPTIONS) private readonly options: ResolvedBulwarkOptions) {
    this.backend = createLockBackend(options.lock);
    this.lock = this.backend.lock;
    this.onRefused = this.refused.event;
    this.onElection = this.joined.event;
    this.onFailover = this.failedOver.event;
  }

  /** Whether the lock runs over Redis nodes, or in this process. */
  get distributed(): boolean {
    return this.backend.clients.length > 0;
  }

  /** How long one lock node may take to answer, in ms; 0 in-process. */
  get commandTimeoutMs(): number {
    return this.backend.commandTimeoutMs;
  }

  /**
   * The elector of an election, joined on first use: started at bootstrap, or at once after it.
   *
   * @param name the election @default the module's `lock.election.name` ('bulwark')
   * @returns the elector, shared by everything naming this election
   */
  elector(name: string = this.options.lock.election.name): LeaderElector {
    let elector = this.electors.get(name);
    if (elector) return elector;
    elector = this.backend.createElector(name);
    this.electors.set(name, elector);
    this.reportFailovers(name, elector);
    this.joined.emit({ name, elector });
    if (this.phase === 'running') void elector.start();
    return elector;
  }

  /** @returns every election joined so far */
  elections(): readonly ElectionEntry[] {
    return [...this.electors].map(([name, elector]) => ({ name, elector }));
  }

  /**
   * Pings every lock node, waiting at most the command timeout for each.
   *
   * @returns how many answered; in-process, `{ reachable: 1, total: 1, quorum: 1 }`
   */
  async reachability(): Promise<LockNodesReachability> {
    const { clients, quorum, commandTimeoutMs } = this.backend;
    if (clients.length === 0) return { reachable: 1, total: 1, quorum: 1 };
    const answers = await Promise.all(clients.map((client) => answersPing(() => client.ping(), commandTimeoutMs)));
    return { reachable: answers.filter(Boolean).length, total: clients.length, quorum };
  }

  /** @internal Reports a `@Singleton` call that did not run. */
  reportRefused(event: SingletonRefusedEvent): void {
    this.refused.emit(event);
  }

  /** Connects to the lock nodes, so `@Singleton` calls can run from other providers' bootstrap hooks on. */
  onModuleInit(): void {
    this.backend.connect();
  }

  /**
   * Waits (at most 1 s, or 10 × commandTimeout) for a majority of lock nodes to connect, then
   * starts campaigning in every election joined so far.
   */
  async onApplicationBootstrap(): Promise<void> {
    if (this.phase !== 'setup') return;
    await this.backend.ready(Math.max(1_000, 10 * this.backend.commandTimeoutMs));
    this.phase = 'running';
    await Promise.all([...this.electors.values()].map((elector) => elector.start()));
  }

  /**
   * Resigns every leadership, so another instance takes over at once instead of waiting out the
   * lease; before the shutdown hooks proper, so their listeners (the log) still hear it.
   */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.phase === 'stopped') return;
    this.phase = 'stopped';
    await Promise.all([...this.electors.values()].map((elector) => elector.stop()));
  }

  /** Closes the connections Bulwark opened (never a client the application passed in). */
  async onApplicationShutdown(): Promise<void> {
    await this.beforeApplicationShutdown();
    this.backend.close();
  }

  private reportFailovers(name: string, elector: LeaderElector): void {
    elector.onElected(({ id }) => {
      const seen = this.backend.sighting(`leader:${name}`);
      if (seen === undefined || seen.holder === id) return;
      this.failedOver.emit({ election: name, previousLeader: seen.holder, ms: systemClock.now() - seen.at });
    });
  }
}

function answersPing(ping: () => Promise<unknown>, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const answer = (answered: boolean): void => {
      clearTimeout(timer);
      resolve(answered);
    };
    const timer = setTimeout(answer, timeoutMs, false);
    ping().then(
      () => answer(true),
      () => answer(false),
    );
  });
}
