import { Agent } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { seededRandom } from '../../harness/seeded.random.js';
import { countBetween, recoverySeconds, series, type Timeline } from './storm.analysis.js';
import { runFleet } from './storm.clients.js';
import { startDependency } from './dependency.server.js';
import { httpAttempt } from './http.attempt.js';
import type { Strategy } from './storm.strategies.js';

/** The simulated world, the same for every strategy. */
export interface Scenario {
  readonly clients: number;
  /** Requests per second the dependency serves; the excess gets 503. */
  readonly capacityPerSecond: number;
  /** Requests the dependency may serve at once after a quiet spell. */
  readonly burst: number;
  /** Calls per second the whole fleet makes when every call succeeds at once. */
  readonly offeredPerSecond: number;
  readonly warmupMs: number;
  readonly outageMs: number;
  /** How long the run goes on after the dependency heals. */
  readonly afterMs: number;
  readonly seed: number;
}

/** What one strategy did to the dependency, and what its clients got. */
export interface StrategyOutcome {
  /** Requests that reached the dependency while it was down. */
  readonly outage_requests: number;
  /** The same, per second of outage. */
  readonly outage_rps: number;
  /** Seconds after the heal until the dependency served normally, or null when it did not. */
  readonly recovery_s: number | null;
  /** Calls that succeeded ÷ calls made, over the whole run. */
  readonly success_rate: number;
  readonly calls: number;
  /** Requests that reached the dependency over the whole run. */
  readonly requests: number;
  /** Requests per bucket, for the timeline chart. */
  readonly series: ReturnType<typeof series>;
}

/**
 * Runs one strategy against a fresh dependency: a healthy warm-up, an outage (503 for every
 * request), then the heal, with the fleet calling throughout.
 *
 * @param strategy how the clients call
 * @param scenario clients, capacity, load, phase lengths and seed
 * @returns what reached the dependency, how fast it recovered and what the clients got
 * @example
 * const outcome = await runStrategy(STRATEGIES[0], scenario);
 */
export async function runStrategy(strategy: Strategy, scenario: Scenario): Promise<StrategyOutcome> {
  const dependency = await startDependency(scenario.capacityPerSecond, scenario.burst);
  const agent = new Agent({ keepAlive: true, maxSockets: scenario.clients });
  const random = seededRandom(scenario.seed);
  try {
    const call = strategy.build(httpAttempt(dependency.port, agent), random);
    const start = performance.now();
    const end = start + scenario.warmupMs + scenario.outageMs + scenario.afterMs;
    const thinkMeanMs = (scenario.clients * 1_000) / scenario.offeredPerSecond;
    const fleet = runFleet(call, { clients: scenario.clients, thinkMeanMs, stopAt: end, random });
    await sleep(scenario.warmupMs);
    dependency.setDown(true);
    const outageStart = performance.now();
    await sleep(scenario.outageMs);
    dependency.setDown(false);
    const healed = performance.now();
    const tally = await fleet;
    const timeline: Timeline = { start, outageStart, healed, end };
    const outage = countBetween(dependency.log, outageStart, healed);
    return {
      outage_requests: outage.accepted + outage.rejected,
      outage_rps: Math.round(((outage.accepted + outage.rejected) * 1_000) / (healed - outageStart)),
      recovery_s: recoverySeconds(dependency.log, timeline),
      success_rate: tally.calls === 0 ? 0 : tally.succeeded / tally.calls,
      calls: tally.calls,
      requests: dependency.log.times.length,
      series: series(dependency.log, timeline),
    };
  } finally {
    agent.destroy();
    await dependency.stop();
  }
}
