// redlock 5.0.0-beta.2 ships types its package.json does not expose to `moduleResolution: nodenext`;
// the bench uses only this much of it.
declare module 'redlock' {
  import type { Redis } from 'ioredis';

  interface Lock {
    release(): Promise<unknown>;
  }

  export default class Redlock {
    constructor(clients: Iterable<Redis>, settings?: { retryCount?: number; retryDelay?: number; retryJitter?: number; driftFactor?: number });
    acquire(resources: string[], duration: number): Promise<Lock>;
  }
}
