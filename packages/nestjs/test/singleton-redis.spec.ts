import { LEADER_ELECTION_FAST, isLockLostError, isLockNotAcquiredError, type ElectedEvent } from '@bulwark/core';
import { useRedisServers } from '@bulwark/test/support';
import { Injectable, type INestApplication, type LoggerService } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { Test } from '@nestjs/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BulwarkLockHealthIndicator } from '../src/health/index.js';
import { BulwarkMetrics, BulwarkMetricsModule } from '../src/metrics/index.js';
import { BulwarkLocks, BulwarkModule, Singleton, SingletonContext, type LockModuleOptions } from '../src/index.js';

const servers = useRedisServers(3);
const { retryPeriod } = LEADER_ELECTION_FAST;
let serial = 0;

/** What the test does while a lock-mode call holds the lock. */
let during: (signal: AbortSignal) => Promise<void> = async () => {};

@Injectable()
class Jobs {
  constructor(readonly context: SingletonContext) {}

  @Singleton({ mode: 'lock', name: 'report', skipResult: 'skipped' })
  async report(): Promise<string> {
    const { token, signal } = this.context.current()!;
    await during(signal);
    return `ran with token ${token}`;
  }

  @Singleton({ mode: 'lock', name: 'report', onLocked: 'throw' })
  async strictReport(): Promise<string> {
    return 'ran';
  }

  @Singleton({ mode: 'leader', skipResult: 'follower' })
  async lead(): Promise<string> {
    return 'leader';
  }
}

/** Collects the 'Bulwark' log lines of one application. */
class SpyLogger implements LoggerService {
  readonly lines: string[] = [];
  log = (message: unknown, context?: unknown) => this.record('log', message, context);
  warn = (message: unknown, context?: unknown) => this.record('warn', message, context);
  error = (message: unknown, context?: unknown) => this.record('error', message, context);

  private record(level: string, message: unknown, context: unknown): void {
    if (context === 'Bulwark') this.lines.push(`${level}: ${String(message)}`);
  }
}

const apps = new Set<INestApplication>();

afterEach(async () => {
  during = async () => {};
  for (const server of servers) server.resume();
  await Promise.all([...apps].map((app) => app.close()));
  apps.clear();
});

/** A fresh key prefix and election per test, so tests never see each other's locks. */
function lockOptions(): LockModuleOptions {
  const test = ++serial;
  return {
    redis: servers.map((server) => server.url),
    commandTimeout: 50,
    retryDelay: 10,
    keyPrefix: `t${test}:lock:`,
    election: { ...LEADER_ELECTION_FAST, name: `election-${test}` },
  };
}

/**
 * Starts one application instance. Nest's logger is process-wide, so instances created together
 * should share one `logs`.
 */
async function instance(lock: LockModuleOptions, logs = new SpyLogger()): Promise<{ app: INestApplication; jobs: Jobs; logs: SpyLogger }> {
  const moduleRef = await Test.createTestingModule({
    imports: [BulwarkModule.forRoot({ lock }), BulwarkMetricsModule.forRoot(), TerminusModule],
    providers: [Jobs, BulwarkLockHealthIndicator],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: logs });
  apps.add(app);
  await app.init();
  return { app, jobs: app.get(Jobs), logs };
}

function nextElected(...candidates: INestApplication[]): Promise<{ app: INestApplication; event: ElectedEvent; at: number }> {
  return new Promise((resolve) => {
    for (const app of candidates) app.get(BulwarkLocks).elector().onElected((event) => resolve({ app, event, at: performance.now() }));
  });
}

describe('@Singleton over 3 Redis nodes, two application instances in one process', () => {
  it('lets one instance at a time run a lock-mode method, with fencing tokens that grow across instances', async () => {
    const lock = lockOptions();
    const [a, b] = await Promise.all([instance(lock), instance(lock)]);
    let release!: () => void;
    during = () => new Promise((resolve) => (release = resolve));
    const first = a.jobs.report();
    await vi.waitFor(() => expect(release).toBeDefined());
    during = async () => {};
    expect(await b.jobs.report()).toBe('skipped');
    await expect(b.jobs.strictReport()).rejects.toMatchObject({ code: 'BULWARK_LOCK_NOT_ACQUIRED', reason: 'held' });
    release();
    expect(await first).toBe('ran with token 1');
    expect(await b.jobs.report()).toBe('ran with token 2');

    const metrics = await b.app.get(BulwarkMetrics).metrics();
    expect(metrics).toContain('bulwark_lock_acquisitions_total{lock="report"} 1');
    expect(metrics).toContain('bulwark_singleton_refusals_total{name="report",mode="lock",reason="held"} 2');
  });

  it('elects one leader among the instances, and hands over within one retry period when its application closes', async () => {
    const lock = lockOptions();
    const election = lock.election!.name!;
    const logs = new SpyLogger();
    const instances = await Promise.all([instance(lock, logs), instance(lock, logs)]);
    const leading = () => instances.filter(({ app }) => app.get(BulwarkLocks).elector().isLeader());
    await vi.waitFor(() => expect(leading()).toHaveLength(1));
    const leader = leading()[0];
    const follower = instances.find((candidate) => candidate !== leader)!;
    expect(await leader.jobs.lead()).toBe('leader');
    expect(await follower.jobs.lead()).toBe('follower');
    const oldId = leader.app.get(BulwarkLocks).elector().id;
    expect(await leader.app.get(BulwarkLockHealthIndicator).isHealthy()).toEqual({
      locks: { status: 'up', backend: 'redis', nodes: { reachable: 3, total: 3, quorum: 2 }, elections: { [election]: { leader: true, leaderId: oldId, id: oldId } } },
    });

    const failovers = vi.fn();
    follower.app.get(BulwarkLocks).onFailover(failovers);
    const successor = nextElected(follower.app);
    await leader.app.close();
    apps.delete(leader.app);
    const closedAt = performance.now();
    const { at, event } = await successor;
    expect(at - closedAt).toBeLessThan(retryPeriod);
    expect(await follower.jobs.lead()).toBe('leader');
    expect(failovers).toHaveBeenCalledExactlyOnceWith({ election, previousLeader: oldId, ms: expect.any(Number) });
    expect(logs.lines).toContainEqual(`log: Leader election "${election}": this instance (${oldId}) is now the leader, term token ${event.token - 1}`);
    expect(logs.lines).toContainEqual(`log: Leader election "${election}": the leader is now ${oldId}`);
    expect(logs.lines).toContainEqual(`log: Leader election "${election}": this instance (${oldId}) is no longer the leader (term token ${event.token - 1}): resigned (shutting down).`);
    expect(logs.lines).toContainEqual(expect.stringMatching(new RegExp(`^log: Leader election "${election}": this instance \\(${event.id}\\) is now the leader, term token ${event.token}, \\d+ ms after it last saw the previous leader's lease$`)));
    const metrics = await follower.app.get(BulwarkMetrics).metrics();
    expect(metrics).toContain(`bulwark_leader{election="${election}"} 1`);
    expect(metrics).toContain(`bulwark_leader_term_changes_total{election="${election}",change="elected"} 1`);
    expect(metrics).toContain(`bulwark_leader_failover_seconds_count{election="${election}"} 1`);
  });

  it('fails closed when a majority of nodes is down: the method does not run, health is down, and the log says so once', async () => {
    const { app, jobs, logs } = await instance(lockOptions());
    await Promise.all([servers[1].crash(), servers[2].crash()]);
    try {
      expect(await jobs.report()).toBe('skipped');
      expect(await jobs.report()).toBe('skipped');
      const error = await jobs.strictReport().catch((e: unknown) => e);
      expect(isLockNotAcquiredError(error) && error.reason).toBe('unavailable');
      const health = await app.get(BulwarkLockHealthIndicator).isHealthy();
      expect(health.locks).toMatchObject({ status: 'down', nodes: { reachable: 1, total: 3, quorum: 2 } });
      expect(logs.lines.filter((line) => line.includes('Lock "report"'))).toEqual([
        'warn: Lock "report" cannot be taken: too few lock nodes answered to form a majority. @Singleton calls do not run until it can; check that a majority of the lock nodes are reachable.',
      ]);
    } finally {
      await Promise.all([servers[1].restart(), servers[2].restart()]);
    }
    await vi.waitFor(async () => expect(await jobs.report()).toBe('ran with token 1'), { timeout: 5_000, interval: 50 });
    expect(logs.lines.at(-1)).toBe('log: Lock "report" can be taken again.');
  });

  it('returns the result when the release cannot be confirmed, reporting it as an event and a warning', async () => {
    const { app, jobs, logs } = await instance(lockOptions());
    const releaseFailed = vi.fn();
    app.get(BulwarkLocks).lock.onReleaseFailed(releaseFailed);
    during = async () => {
      servers[1].pause();
      servers[2].pause();
    };
    expect(await jobs.report()).toBe('ran with token 1');
    expect(releaseFailed).toHaveBeenCalledExactlyOnceWith({ name: 'report', token: 1, error: expect.objectContaining({ code: 'BULWARK_LOCK_RELEASE_FAILED' }) });
    expect(logs.lines).toContainEqual(expect.stringMatching(/^warn: Lock "report" \(fencing token 1\) could not be released: only 1 of 3 nodes confirmed/));
    expect(await app.get(BulwarkMetrics).metrics()).toContain('bulwark_lock_release_failures_total{lock="report"} 1');
  });

  it('aborts the signal when the lease is lost mid-run, and rejects with LockLostError once the method settles', async () => {
    const { jobs, logs } = await instance({ ...lockOptions(), ttl: 600 });
    let abortedInside = false;
    during = async (signal) => {
      servers[1].pause();
      servers[2].pause();
      await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
      abortedInside = true;
    };
    const error = await jobs.report().catch((e: unknown) => e);
    expect(abortedInside).toBe(true);
    expect(isLockLostError(error)).toBe(true);
    expect(error).toMatchObject({ lockName: 'report', token: 1, reason: 'expired' });
    expect(logs.lines).toContainEqual(expect.stringMatching(/^warn: Lock "report" \(fencing token 1\) was lost: its lease could not be extended in time/));
  });
});
