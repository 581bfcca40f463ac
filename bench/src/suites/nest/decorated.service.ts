import { CircuitBreaker, Retry } from '@bulwark/nestjs';
import { Injectable } from '@nestjs/common';

/** The options both candidates use, so only the way the policy is reached differs. */
export const RETRY = { maxAttempts: 3 } as const;
export const BREAKER = { consecutiveFailures: 5, openDuration: '10s' } as const;

/** A provider whose method is protected by decorators, as an application would write it. */
@Injectable()
export class DecoratedService {
  /** The same work without any policy: the baseline. */
  async raw(): Promise<number> {
    return 42;
  }

  /** The same work under `@Retry` + `@CircuitBreaker`, wired by `BulwarkModule`. */
  @Retry(RETRY)
  @CircuitBreaker(BREAKER)
  async decorated(): Promise<number> {
    return 42;
  }
}
