import { LeaderElector, jitteredRetryMs, type Leadership, type LockHandle, type LockLostReason } from '@bulwark/core';
import { ElectionChannel, type ElectionMessage } from './election.channel.js';
import { LeaderTerm, type TermContext } from './leader.term.js';
import type { RedisLeaderElectorOptions } from './redis-leader-elector.options.js';
import { resolveRedisLeaderElectorOptions, type RedisLeaderElectorSettings } from './redis-leader-elector.settings.js';
import type { RedisLock } from './redis.lock.js';

/**
 * Leader election over a `RedisLock`: the leader is whoever holds the election's lock. A follower
 * campaigns every retry period; the leader renews every retry period and steps down when it could
 * not renew for `renewDeadline`, before its lease can end (for instance when it can no longer
 * reach a majority of nodes). `stop()` resigns and announces it over pub/sub, so a follower takes
 * over at once instead of waiting out the lease. Each term's token is a fencing token.
 *
 * @example
 * const elector = new RedisLeaderElector(lock, { name: 'scheduler' });
 * elector.onElected(({ token, signal }) => runScheduler({ token, signal }));
 * elector.onNewLeader(({ leaderId }) => log(`leader is now ${leaderId}`));
 * await elector.start();
 * process.once('SIGTERM', () => void elector.stop());
 */
export class RedisLeaderElector extends LeaderElector {
  readonly id: string;
  private readonly settings: RedisLeaderElectorSettings;
  private readonly lockName: string;
  private readonly channel: ElectionChannel;
  private readonly termContext: TermContext;
  private phase: 'idle' | 'running' | 'stopped' = 'idle';
  private term: LeaderTerm | undefined;
  private leader: string | undefined;
  private lastResignation: string | undefined;
  private campaignTimer: ReturnType<typeof setTimeout> | undefined;
  private campaigning = false;
  private campaignAgain = false;

  /**
   * @param lock the lock over the Redis nodes the election runs on
   * @param options the election's name, this instance's id, and the timing
   * @throws InvalidOptionError naming the option, the value and what is allowed
   */
  constructor(
    private readonly lock: RedisLock,
    options: RedisLeaderElectorOptions,
  ) {
    super();
    this.settings = resolveRedisLeaderElectorOptions(options, lock.commandTimeoutMs);
    this.id = this.settings.id;
    this.lockName = `leader:${this.settings.name}`;
    this.channel = new ElectionChannel(lock.clients, `bulwark:election:${this.settings.name}`, this.settings.timing.retryPeriodMs);
    const { timing, clock, random } = this.settings;
    this.termContext = { lockName: this.lockName, timing, clock, random, ended: (term, reason) => this.termEnded(term, reason) };
  }

  async start(): Promise<void> {
    if (this.phase !== 'idle') return;
    this.phase = 'running';
    await this.channel.open((message) => this.onMessage(message));
    await this.campaign();
  }

  async stop(): Promise<void> {
    if (this.phase === 'stopped') return;
    this.phase = 'stopped';
    clearTimeout(this.campaignTimer);
    const term = this.term;
    if (term) {
      await term.end('resigned');
      await this.channel.publish({ type: 'resigned', id: this.id });
    }
    this.channel.close();
  }

  isLeader(): boolean {
    return this.term !== undefined;
  }

  currentLeader(): string | undefined {
    return this.term ? this.id : this.leader;
  }

  leadership(): Leadership | undefined {
    return this.term?.leadership;
  }

  private async campaign(): Promise<void> {
    clearTimeout(this.campaignTimer);
    if (this.phase !== 'running' || this.term) return;
    if (this.campaigning) {
      this.campaignAgain = true;
      return;
    }
    this.campaigning = true;
    try {
      const startedAt = this.settings.clock.now();
      const handle = await this.lock.tryAcquire(this.lockName, { ttl: this.settings.timing.leaseMs, autoExtend: false, owner: this.id });
      if (handle) this.won(handle, startedAt);
      else this.observe(await this.lock.holder(this.lockName));
    } finally {
      this.campaigning = false;
    }
    if (this.phase !== 'running' || this.term) return;
    const again = this.campaignAgain;
    this.campaignAgain = false;
    this.scheduleCampaign(again ? 0 : jitteredRetryMs(this.settings.timing, this.settings.random));
  }

  private won(handle: LockHandle, startedAt: number): void {
    if (this.phase !== 'running') {
      void handle.release().catch(() => undefined);
      return;
    }
    const term = new LeaderTerm(this.termContext, handle, startedAt);
    this.term = term;
    this.observe(this.id);
    this.electorEmitters.elected.emit({ id: this.id, ...term.leadership });
    void this.channel.publish({ type: 'elected', id: this.id });
  }

  private termEnded(term: LeaderTerm, reason: LockLostReason): void {
    if (this.term !== term) return;
    this.term = undefined;
    if (this.leader === this.id) this.leader = undefined;
    this.electorEmitters.revoked.emit({ id: this.id, token: term.leadership.token, reason });
    if (this.phase === 'running') this.scheduleCampaign(jitteredRetryMs(this.settings.timing, this.settings.random));
  }

  private scheduleCampaign(delayMs: number): void {
    clearTimeout(this.campaignTimer);
    this.campaignTimer = setTimeout(() => void this.campaign(), delayMs);
    this.campaignTimer.unref?.();
  }

  private observe(holder: string | undefined): void {
    if (holder === undefined || holder === this.leader) return;
    this.leader = holder;
    this.lastResignation = undefined;
    this.electorEmitters.newLeader.emit({ leaderId: holder });
  }

  private onMessage(message: ElectionMessage): void {
    if (message.id === this.id || this.phase !== 'running') return;
    if (message.type === 'elected') return this.observe(message.id);
    // Every node delivers the announcement: act on the first copy only.
    if (this.lastResignation === message.id) return;
    this.lastResignation = message.id;
    if (this.leader === message.id) this.leader = undefined;
    void this.campaign();
  }
}
