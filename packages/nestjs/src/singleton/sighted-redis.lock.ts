import { systemClock } from '@bulwark/core';
import { RedisLock } from '@bulwark/redis';

/** When a lock was last seen held, and by whom. */
export interface LeaseSighting {
  /** The holder's owner value: an elector's id for an election's lock. */
  readonly holder: string;
  /** On the monotonic clock. */
  readonly at: number;
}

/**
 * A `RedisLock` that remembers, per name, the last holder a majority of nodes reported. A
 * follower's elector asks for the holder after every failed campaign, so this is when it last saw
 * the leader's lease: the start of the failover it reports once elected.
 */
export class SightedRedisLock extends RedisLock {
  private readonly sightings = new Map<string, LeaseSighting>();

  override async holder(name: string): Promise<string | undefined> {
    const holder = await super.holder(name);
    if (holder !== undefined) this.sightings.set(name, { holder, at: systemClock.now() });
    return holder;
  }

  /**
   * @param name the lock's name
   * @returns the last holder seen, and when
   */
  sighting(name: string): LeaseSighting | undefined {
    return this.sightings.get(name);
  }
}
