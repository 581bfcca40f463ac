import type { Disposable } from '@bulwark/core';
import { Histogram } from 'prom-client';
import type { BulwarkLocks } from '../singleton/bulwark-locks.js';
import type { ElectionEntry } from '../singleton/singleton.events.js';
import type { ResolvedMetricsOptions } from './bulwark-metrics.options.js';
import { LEADER, LEADER_FAILOVER, LEADER_TERM_CHANGES, LOCK_ACQUISITIONS, LOCK_LOSSES, LOCK_RELEASE_FAILURES, SINGLETON_REFUSALS } from './metric.specs.js';
import { scrapedCounter, scrapedGauge } from './prom.metrics.js';

/** Failovers last from milliseconds (a resignation) to lease + retry period (a crash). */
const FAILOVER_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 15, 20, 30, 60];

/** Counts per combination of label values. */
class LabelledCounts<L extends string> {
  private readonly counts = new Map<string, { readonly labels: Record<L, string>; value: number }>();

  /** Adds one to the series of these label values. */
  inc(labels: Record<L, string>): void {
    const key = Object.values(labels).join('\u0000');
    const series = this.counts.get(key);
    if (series) series.value++;
    else this.counts.set(key, { labels, value: 1 });
  }

  /** @param visit called with each series' labels and count */
  forEach(visit: (labels: Record<L, string>, value: number) => void): void {
    for (const { labels, value } of this.counts.values()) visit(labels, value);
  }
}

/**
 * The lock and leader election metrics: leases taken, `@Singleton` calls refused, leases lost,
 * releases unconfirmed, whether this instance leads each election, term changes, and failover
 * times. Counts are plain numbers until scraped; elections are read at scrape time.
 */
export class LockMetrics {
  private readonly acquisitions = new LabelledCounts<'lock'>();
  private readonly refusals = new LabelledCounts<'name' | 'mode' | 'reason'>();
  private readonly losses = new LabelledCounts<'lock' | 'reason'>();
  private readonly releaseFailures = new LabelledCounts<'lock'>();
  private readonly termChanges = new LabelledCounts<'election' | 'change'>();
  private readonly failover: Histogram<'election'>;
  private locks: BulwarkLocks | undefined;

  /** @param options the registry and prefix to register the metrics with */
  constructor(options: ResolvedMetricsOptions) {
    const counters = [
      [LOCK_ACQUISITIONS, this.acquisitions],
      [SINGLETON_REFUSALS, this.refusals],
      [LOCK_LOSSES, this.losses],
      [LOCK_RELEASE_FAILURES, this.releaseFailures],
      [LEADER_TERM_CHANGES, this.termChanges],
    ] as const;
    for (const [spec, counts] of counters) {
      scrapedCounter<string>(options, spec, (counter) => (counts as LabelledCounts<string>).forEach((labels, value) => counter.inc(labels, value)));
    }
    scrapedGauge(options, LEADER, (gauge) => {
      for (const { name, elector } of this.locks?.elections() ?? []) gauge.set({ election: name }, elector.isLeader() ? 1 : 0);
    });
    const { name, help, labelNames } = LEADER_FAILOVER;
    this.failover = new Histogram({ name: options.prefix + name, help, labelNames, buckets: FAILOVER_BUCKETS, registers: [options.registry] });
  }

  /**
   * Counts the events of an application's lock and elections from now on.
   *
   * @param locks the application's locks
   * @returns handles that stop counting
   */
  watch(locks: BulwarkLocks): Disposable[] {
    this.locks = locks;
    const { lock } = locks;
    const handles = [
      lock.onAcquired(({ name }) => this.acquisitions.inc({ lock: name })),
      lock.onLost(({ name, error }) => this.losses.inc({ lock: name, reason: error.reason })),
      lock.onReleaseFailed(({ name }) => this.releaseFailures.inc({ lock: name })),
      locks.onRefused(({ name, mode, reason }) => this.refusals.inc({ name, mode, reason })),
      locks.onFailover(({ election, ms }) => this.failover.observe({ election }, ms / 1_000)),
      locks.onElection((entry) => handles.push(...this.watchElection(entry))),
    ];
    for (const entry of locks.elections()) handles.push(...this.watchElection(entry));
    return handles;
  }

  private watchElection({ name, elector }: ElectionEntry): Disposable[] {
    return [
      elector.onElected(() => this.termChanges.inc({ election: name, change: 'elected' })),
      elector.onRevoked(({ reason }) => this.termChanges.inc({ election: name, change: reason })),
    ];
  }
}
