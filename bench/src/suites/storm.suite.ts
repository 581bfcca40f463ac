import type { Suite, SuiteOptions, SuiteResult } from '../harness/suite.js';
import { report, summarize, type Outcomes } from './storm/storm.report.js';
import { runStrategy, type Scenario, type StrategyOutcome } from './storm/storm.run.js';
import { STRATEGIES, type StrategyKey } from './storm/storm.strategies.js';

/** The world: 200 clients, a 200 req/s dependency at 75 % load, a 10 s outage. ~80 s in all. */
const FULL: Scenario = {
  clients: 200,
  capacityPerSecond: 200,
  burst: 20,
  offeredPerSecond: 150,
  warmupMs: 3_000,
  outageMs: 10_000,
  afterMs: 6_000,
  seed: 8,
};

/** `--tiny`: the same world, fewer clients and short phases (~6 s in all); never for the figures. */
const TINY: Scenario = { ...FULL, clients: 20, warmupMs: 300, outageMs: 500, afterMs: 700 };

/**
 * The retry-storm simulation: four client strategies, one after another, each against its own
 * loopback HTTP dependency that goes down for a while and comes back.
 *
 * @example
 * const result = await stormSuite.run({});
 */
export const stormSuite: Suite = {
  async run(options: SuiteOptions): Promise<SuiteResult> {
    const scenario = options.tiny ? TINY : FULL;
    const outcomes: Partial<Record<StrategyKey, StrategyOutcome>> = {};
    for (const strategy of STRATEGIES) {
      process.stderr.write(`storm: ${strategy.label} (${(scenario.warmupMs + scenario.outageMs + scenario.afterMs) / 1_000} s)\n`);
      outcomes[strategy.key] = await runStrategy(strategy, scenario);
    }
    const summary = summarize(outcomes as Outcomes, scenario);
    report(outcomes as Outcomes, scenario, summary);
    return summary;
  },
};
