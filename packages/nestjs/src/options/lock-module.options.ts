import type { Duration, LeaderElectionTimingOptions } from '@bulwark/core';
import type { Redis, RedisOptions } from 'ioredis';

/** One lock node: a `redis://` URL, ioredis options, or an ioredis client (yours: Bulwark never closes it). */
export type LockNodeOption = string | RedisOptions | Redis;

/**
 * Locks and leader election for `@Singleton`. Without `redis`, an in-process lock and elector
 * (the embedded default: every instance is alone, so each one leads); with `redis`, Redlock with
 * fencing tokens over N independent Redis masters, and leader election on top of it.
 */
export interface LockModuleOptions {
  /**
   * The lock nodes: independent Redis masters (not replicas of each other, not a cluster); 3 or 5
   * tolerate 1 or 2 nodes down. A string may list comma-separated URLs (handy in one environment
   * variable). Nodes given as URLs or options get fail-fast connections that Bulwark closes on
   * shutdown. @default none: in-process
   */
  redis?: LockNodeOption | readonly LockNodeOption[];
  /** The lease of a lock-mode call without `lockAtMostFor`, extended every ttl/3 while the method runs. @default '30s' */
  ttl?: Duration;
  /** With `redis`: how long one node may take to answer. @default '100ms' */
  commandTimeout?: Duration;
  /** With `redis`: the pause between attempts while a call waits (`waitTimeout`). @default '200ms' */
  retryDelay?: Duration;
  /** With `redis`: each pause is `retryDelay × (1 ± retryJitter)`. @default 0.5 */
  retryJitter?: number;
  /** With `redis`: the clock-drift allowance, `ttl × driftFactor + 2 ms`. @default 0.01 */
  driftFactor?: number;
  /** With `redis`: the prefix of every lock key. @default 'bulwark:lock:' */
  keyPrefix?: string;
  /** The leader election of `@Singleton({ mode: 'leader' })`. */
  election?: ElectionModuleOptions;
}

/** The default election's name, this instance's id, and the timing of every election. */
export interface ElectionModuleOptions extends LeaderElectionTimingOptions {
  /** The election leader-only methods use unless they name another. @default 'bulwark' */
  name?: string;
  /** This instance's id, as other instances see it. @default '<hostname>:<pid>:<random>' with Redis, 'local' without */
  id?: string;
}
