import type { Clock, LeaderElectionTimingOptions } from '@bulwark/core';

/** Options of a `RedisLeaderElector`: the election, this instance, and the timing. */
export interface RedisLeaderElectorOptions extends LeaderElectionTimingOptions {
  /** The election: instances that campaign under the same name elect one leader. */
  name: string;
  /** This instance's id, as others see it in `currentLeader()`. @default '<hostname>:<pid>:<random>' */
  id?: string;
  /** The monotonic time source. @default systemClock */
  clock?: Clock;
  /** Uniform in `[0, 1)`, for jitter. @default Math.random */
  random?: () => number;
}
