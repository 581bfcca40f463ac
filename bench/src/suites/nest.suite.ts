import { circuitBreaker, retry, wrap } from '@bulwark/core';
import { BulwarkModule, CircuitBreakerRegistry } from '@bulwark/nestjs';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { measure } from '../harness/measure.js';
import { significant } from '../harness/stats.js';
import type { Suite, SuiteOptions, SuiteResult } from '../harness/suite.js';
import { formatNs, formatTable } from '../harness/table.js';
import { BREAKER, DecoratedService, RETRY } from './nest/decorated.service.js';

/** The decorated call may cost at most this much more than the core policy called directly. */
const TARGET = 1.15;

@Module({ imports: [BulwarkModule.forRoot({ logging: false })], providers: [DecoratedService] })
class BenchModule {}

/**
 * The Nest suite: a `@Retry` + `@CircuitBreaker` service method against the same core policies
 * called directly, per awaited call, in one Nest application context.
 *
 * @example
 * const result = await nestSuite.run({ samples: 10 });
 */
export const nestSuite: Suite = {
  async run(options: SuiteOptions): Promise<SuiteResult> {
    const { samples = 40, batch = 20_000 } = options;
    const app = await NestFactory.createApplicationContext(BenchModule, { logger: false });
    const service = app.get(DecoratedService);
    const core = wrap(retry(RETRY), circuitBreaker(BREAKER));
    if ((await service.decorated()) !== 42 || app.get(CircuitBreakerRegistry).list().length !== 1) {
      throw new Error('the decorated method is not wired by BulwarkModule');
    }
    process.stderr.write(`nest: 3 candidates, ${samples} samples of ${batch} calls each\n`);
    const measured = await measure(
      [
        { name: 'raw method', op: () => service.raw() },
        { name: 'core policy, called directly', op: () => core.execute(() => service.raw()) },
        { name: 'decorated method', op: () => service.decorated() },
      ],
      { samples, batch },
    );
    await app.close();
    const [raw, direct, decorated] = measured.map((m) => m.ns.median);
    const summary: SuiteResult = {
      suite: 'nest',
      decorator_vs_core: significant(decorated / direct, 3),
      raw_ns: Math.round(raw),
      core_ns: Math.round(direct),
      decorated_ns: Math.round(decorated),
      targets: { decorator_vs_core: TARGET },
      samples,
      batch,
      node: process.version,
    };
    const rows = measured.map(({ name, ns }) => ['  ' + name, formatNs(ns.median), formatNs(ns.p25), formatNs(ns.p75)]);
    const columns = [
      { header: 'retry + circuit breaker, CLOSED (ns per awaited call)' },
      { header: 'median', align: 'right' },
      { header: 'p25', align: 'right' },
      { header: 'p75', align: 'right' },
    ] as const;
    const ratio = summary.decorator_vs_core as number;
    console.log(
      [
        formatTable(columns, rows),
        '',
        'decorator_vs_core = decorated / core policy called directly (the same options, the same work).',
        `decorator_vs_core  ${ratio}  target <= ${TARGET}  ${ratio <= TARGET ? 'met' : 'MISSED'}`,
      ].join('\n'),
    );
    return summary;
  },
};
