import { Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { BulwarkLocks } from '../singleton/bulwark-locks.js';

/** One election as the lock health indicator reports it. */
export interface ElectionHealth {
  /** Whether this instance leads. */
  readonly leader: boolean;
  /** The leader this instance knows of, itself included, or `null` when it knows none. */
  readonly leaderId: string | null;
  /** This instance's id in the election. */
  readonly id: string;
}

/**
 * Reports the lock nodes and elections behind `@Singleton` on a `@nestjs/terminus` health check:
 * `down` when fewer than a majority of lock nodes answer a ping (singleton methods then do not
 * run anywhere: they fail closed), `up` otherwise. Each election shows whether this instance
 * leads and whom it knows as the leader; being a follower is healthy.
 *
 * @example
 * @Get('health')
 * @HealthCheck()
 * check() {
 *   return this.health.check([() => this.locks.isHealthy()]);
 * }
 */
@Injectable()
export class BulwarkLockHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly locks: BulwarkLocks,
  ) {}

  /**
   * Pings every lock node (each for at most the lock's command timeout) and reads every election.
   *
   * @param key the name of this indicator in the health check's result
   * @default key 'locks'
   * @returns `{ [key]: { status, backend, nodes?, elections } }`: `backend` is `'redis'` or
   *   `'memory'`; `nodes` (Redis only) is `{ reachable, total, quorum }`; `elections` maps each
   *   election this instance campaigns in to `{ leader, leaderId, id }`
   */
  async isHealthy<const Key extends string = 'locks'>(key: Key = 'locks' as Key): Promise<HealthIndicatorResult<Key>> {
    const session = this.indicators.check(key);
    const elections: Record<string, ElectionHealth> = {};
    for (const { name, elector } of this.locks.elections()) {
      elections[name] = { leader: elector.isLeader(), leaderId: elector.currentLeader() ?? null, id: elector.id };
    }
    if (!this.locks.distributed) return session.up({ backend: 'memory', elections });
    const nodes = await this.locks.reachability();
    const details = { backend: 'redis', nodes, elections };
    return nodes.reachable >= nodes.quorum ? session.up(details) : session.down(details);
  }
}
