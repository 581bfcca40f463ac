import { CircuitState, type RetryPolicy } from '@bulwark/core';
import { BulwarkModule, CircuitBreaker, CircuitBreakerRegistry, PolicyRegistry, Retry, Timeout, type BulwarkModuleOptions } from '@bulwark/nestjs';
import { Inject, Injectable, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';

/** What reaches the protected method, seen from inside it: probes per HALF_OPEN episode. */
export class CallMonitor {
  /** Calls that entered the method (so reached the dependency). */
  entered = 0;
  /** Calls admitted while the breaker was not CLOSED, by HALF_OPEN episode. */
  readonly probesByEpisode: number[] = [];
  stateOf: () => string = () => CircuitState.Closed;

  /** @param url the dependency */
  constructor(readonly url: string) {}

  /** A new HALF_OPEN episode began. */
  halfOpened(): void {
    this.probesByEpisode.push(0);
  }

  /** A call entered the method. A call admitted in anything but CLOSED is a probe of the latest episode. */
  enter(): void {
    this.entered++;
    // A probe may enter a moment after another probe's failure reopened the circuit: still a probe.
    if (this.stateOf() !== CircuitState.Closed && this.probesByEpisode.length > 0) this.probesByEpisode[this.probesByEpisode.length - 1]++;
  }
}

const MONITOR = 'chaos:call-monitor';

/** The protected client of the flapping-dependency scenario: the sample's composition. */
@Injectable()
export class DependencyClient {
  constructor(@Inject(MONITOR) private readonly monitor: CallMonitor) {}

  @Retry('dependency')
  @CircuitBreaker('dependency')
  @Timeout('dependency')
  async call(): Promise<string> {
    this.monitor.enter();
    const response = await fetch(this.monitor.url, { signal: AbortSignal.timeout(1_000) });
    const body = await response.text();
    if (!response.ok) throw new Error(`the dependency answered ${response.status}`);
    return body;
  }
}

/** The running client application and what it counts. */
export interface DependencyApp {
  readonly app: INestApplication;
  readonly client: DependencyClient;
  /** Retries scheduled by the `dependency` retry policy. */
  readonly retries: () => number;
}

/**
 * Starts a Nest application whose `DependencyClient.call` goes through `@Retry`, `@CircuitBreaker`
 * and `@Timeout` named `dependency`, and wires the monitor to the breaker's state.
 *
 * @param monitor counts what reaches the method
 * @param options the `dependency` policies
 * @returns the application; close it after the test
 */
export async function startDependencyApp(monitor: CallMonitor, options: BulwarkModuleOptions): Promise<DependencyApp> {
  const moduleRef = await Test.createTestingModule({
    imports: [BulwarkModule.forRoot({ logging: false, ...options })],
    providers: [DependencyClient, { provide: MONITOR, useValue: monitor }],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.init();
  const breakers = app.get(CircuitBreakerRegistry);
  monitor.stateOf = () => breakers.state('dependency');
  breakers.get('dependency').onStateChange(({ to }) => to === CircuitState.HalfOpen && monitor.halfOpened());
  const retry = app.get(PolicyRegistry).all().find((entry) => entry.kind === 'retry' && entry.name === 'dependency')?.policy as RetryPolicy;
  let retries = 0;
  retry.onRetry(() => retries++);
  return { app, client: app.get(DependencyClient), retries: () => retries };
}
