import { Injectable } from '@nestjs/common';
import { Cron, Interval, ScheduleModule } from '@nestjs/schedule';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BulwarkLocks, BulwarkModule, Singleton, SingletonContext } from '../src/index.js';
import { closeApps, createApp } from './testing-app.js';

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

@Injectable()
class Scheduled {
  readonly runs: Record<string, number> = { intervalOuter: 0, intervalInner: 0, cronOuter: 0, cronInner: 0 };
  readonly tokens: number[] = [];

  constructor(private readonly context: SingletonContext) {}

  @Interval(100)
  @Singleton({ mode: 'lock' })
  async intervalOuter(): Promise<void> {
    this.runs.intervalOuter++;
    await delay(250);
  }

  @Singleton({ mode: 'lock' })
  @Interval(100)
  async intervalInner(): Promise<void> {
    this.runs.intervalInner++;
    await delay(250);
  }

  @Cron('* * * * * *')
  @Singleton({ mode: 'leader' })
  cronOuter(): void {
    this.runs.cronOuter++;
    this.tokens.push(this.context.current()!.token);
  }

  @Singleton({ mode: 'leader' })
  @Cron('* * * * * *')
  cronInner(): void {
    this.runs.cronInner++;
  }
}

describe('@Singleton with @nestjs/schedule', () => {
  afterEach(async () => {
    await closeApps();
    vi.useRealTimers();
  });

  it('guards @Interval and @Cron methods whichever decorator is written first', async () => {
    vi.useFakeTimers({ now: new Date('2026-01-01T00:00:00.500Z') });
    const app = await createApp({ imports: [BulwarkModule.forRoot(), ScheduleModule.forRoot()], providers: [Scheduled] });
    const refused = vi.fn();
    app.get(BulwarkLocks).onRefused(refused);
    const scheduled = app.get(Scheduled);

    await vi.advanceTimersByTimeAsync(3_000);

    // Ticks every 100 ms, each run lasting 250 ms: the two ticks that come while a run holds the
    // lock are skipped, so 30 ticks make 10 runs.
    expect(scheduled.runs).toEqual({ intervalOuter: 10, intervalInner: 10, cronOuter: 3, cronInner: 3 });
    expect(refused.mock.calls.filter(([event]) => event.method === 'Scheduled.intervalOuter')).toHaveLength(20);
    expect(refused.mock.calls.filter(([event]) => event.method === 'Scheduled.intervalInner')).toHaveLength(20);
    expect(scheduled.tokens).toEqual([1, 1, 1]);
  });
});
