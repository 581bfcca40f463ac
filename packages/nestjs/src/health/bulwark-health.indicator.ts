import { CircuitState, type CircuitBreakerPolicy } from '@bulwark/core';
import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { BULWARK_OPTIONS, type ResolvedBulwarkOptions } from '../options/bulwark-options.token.js';
import { PolicyRegistry } from '../registry/policy.registry.js';

/** One breaker as the health indicator reports it. */
export interface BreakerHealth {
  readonly state: CircuitState;
  /** Milliseconds until an `OPEN` breaker admits a probe; only present for `OPEN`. */
  readonly retryAfterMs?: number;
}

/**
 * Reports this application's circuit breakers on a `@nestjs/terminus` health check. An `OPEN`
 * breaker (before its open duration has elapsed) or an `ISOLATED` one makes the indicator `down`,
 * or, with `health: { openCircuit: 'degraded' }`, keeps it `up` and lists it under `degraded`.
 * The Redis cache tier's breaker (`redis-cache:<namespace>`) only ever degrades: caches fail open.
 *
 * `HALF_OPEN`, and `OPEN` once its open duration has elapsed, count as healthy: the breaker is
 * waiting for probe calls, and a readiness probe that took the instance out of traffic would
 * starve it of the very calls that close it.
 *
 * @example
 * @Get('health')
 * @HealthCheck()
 * check() {
 *   return this.health.check([() => this.bulwark.isHealthy()]);
 * }
 */
@Injectable()
export class BulwarkHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly policies: PolicyRegistry,
    @Inject(BULWARK_OPTIONS) private readonly options: ResolvedBulwarkOptions,
  ) {}

  /**
   * Reads every breaker's state, per-key ones included.
   *
   * @param key the name of this indicator in the health check's result
   * @default key 'circuitBreakers'
   * @returns `{ [key]: { status, breakers, open? | degraded? } }`: `breakers` maps each name to
   *   its state (and `retryAfterMs` while `OPEN`); `open` (status `down`) or `degraded` (status
   *   `up`) lists the breakers that refuse calls
   */
  isHealthy<const Key extends string = 'circuitBreakers'>(key: Key = 'circuitBreakers' as Key): HealthIndicatorResult<Key> {
    const session = this.indicators.check(key);
    const breakers: Record<string, BreakerHealth> = {};
    const refusing: string[] = [];
    const failingOpen: string[] = [];
    for (const entry of this.policies.all()) {
      if (entry.kind !== 'circuitBreaker') continue;
      const health = breakerHealth(entry.policy);
      breakers[entry.name] = health;
      if (refusesCalls(health)) (entry.failsOpen ? failingOpen : refusing).push(entry.name);
    }
    // A fail-open breaker (the Redis cache tier's) only ever degrades: its callers still get answers.
    const degradedOnly = this.options.health.openCircuit === 'degraded';
    const degraded = degradedOnly ? [...refusing, ...failingOpen] : failingOpen;
    if (refusing.length > 0 && !degradedOnly) return session.down({ breakers, open: refusing, ...(degraded.length > 0 && { degraded }) });
    return session.up(degraded.length > 0 ? { breakers, degraded } : { breakers });
  }
}

function breakerHealth(breaker: CircuitBreakerPolicy): BreakerHealth {
  const state = breaker.state;
  if (state !== CircuitState.Open) return { state };
  // The state stays OPEN until a call arrives; the snapshot tells how much open time remains.
  return { state, retryAfterMs: Math.ceil(breaker.toJSON().remainingOpenMs ?? 0) };
}

function refusesCalls(health: BreakerHealth): boolean {
  if (health.state === CircuitState.Isolated) return true;
  return health.state === CircuitState.Open && (health.retryAfterMs ?? 0) > 0;
}
