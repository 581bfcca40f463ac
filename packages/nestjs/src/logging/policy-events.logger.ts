import { CircuitState, type CircuitStateChangeEvent, type Disposable } from '@bulwark/core';
import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { BULWARK_OPTIONS, type ResolvedBulwarkOptions } from '../options/bulwark-options.token.js';
import { PolicyRegistry } from '../registry/policy.registry.js';
import type { RegisteredPolicy } from '../registry/registered-policy.js';
import { loggingMessages } from './logging.messages.js';
import { PolicySubscriptions } from '../registry/policy-subscriptions.js';

const NOTHING: Disposable[] = [];

/**
 * Writes every circuit breaker state change to Nest's `Logger` (context `'Bulwark'`): entering
 * `OPEN` or `ISOLATED` as a warning, entering `CLOSED`, `HALF_OPEN` or `DISABLED` as a log line,
 * each with the breaker's name, both states and the reason. Nothing is logged per call. Turned off
 * by `logging: false` in `BulwarkModule.forRoot()`.
 *
 * @example
 * // [Bulwark] WARN Circuit breaker "inventory" CLOSED -> OPEN: 5 consecutive failures
 */
@Injectable()
export class PolicyEventsLogger implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Bulwark');
  private readonly subscriptions: PolicySubscriptions;

  constructor(
    policies: PolicyRegistry,
    @Inject(BULWARK_OPTIONS) private readonly options: ResolvedBulwarkOptions,
  ) {
    this.subscriptions = new PolicySubscriptions(policies, (entry) => this.subscribe(entry));
  }

  /** Starts listening to every breaker, including those created later. */
  onModuleInit(): void {
    if (this.options.logging) this.subscriptions.start();
  }

  /** Stops listening. */
  onModuleDestroy(): void {
    this.subscriptions.dispose();
  }

  private subscribe(entry: RegisteredPolicy): Disposable[] {
    if (entry.kind !== 'circuitBreaker') return NOTHING;
    return [entry.policy.onStateChange((change) => this.stateChanged(change))];
  }

  private stateChanged(change: CircuitStateChangeEvent): void {
    const line = loggingMessages.stateChange(change);
    if (change.to === CircuitState.Open || change.to === CircuitState.Isolated) this.logger.warn(line);
    else this.logger.log(line);
  }
}
