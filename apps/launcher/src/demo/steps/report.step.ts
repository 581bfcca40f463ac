import { request } from 'sample-kit';
import { pause } from '../pause.js';
import { result, type DemoStep } from '../step.types.js';

/** What the demo reads of a report run. */
interface Run {
  readonly replica: string;
  readonly term: number;
  readonly ranAt: string;
}

const TICKS = 3;
const second = (run: Run): number => Math.floor(Date.parse(run.ranAt) / 1_000);
const clock = (tick: number): string => new Date(tick * 1_000).toISOString().slice(11, 19);

/** With Redis: the report job fires every second on 3 replicas, and runs once per tick, on the leader. */
export const reportAcrossReplicasStep: DemoStep = {
  title: 'Report job on 3 replicas (@Cron every second + @Singleton leader)',
  name: 'Report job, 3 replicas',
  needs: 'redis',
  async run({ system, timeline }) {
    const first = Math.ceil(Date.now() / 1_000);
    const ticks = Array.from({ length: TICKS }, (_, i) => first + i);
    await pause((first + TICKS) * 1_000 + 300 - Date.now());
    const runs = (await request<{ runs: Run[] }>(`${system.orders.at(-1)!.url}/reports`)).body.runs.filter((run) => ticks.includes(second(run)));
    const perTick = ticks.map((tick) => runs.filter((run) => second(run) === tick).length);
    const runners = [...new Set(runs.map((run) => `${run.replica} (term ${run.term})`))];
    timeline.note(`ticks ${ticks.map(clock).join(', ')} UTC: ${perTick.join(', ')} run(s), by ${runners.join(', ') || 'nobody'}`);
    const latest = await Promise.all(system.orders.map(async ({ url }) => (await request<Run>(`${url}/reports/latest`)).body));
    const same = new Set(latest.map((run) => JSON.stringify(run))).size === 1;
    timeline.note(`GET /reports/latest on ${system.orders.map(({ id }) => id).join(', ')}: ${same ? `the same run, by ${latest[0].replica}` : 'different runs'}`);
    return [
      result('Report job, 3 replicas', 'one run per tick, by the leader; same on all', `${perTick.join('/')} runs by ${runners.join(', ')}; ${same ? 'same' : 'differs'}`, perTick.every((n) => n === 1) && runners.length === 1 && same),
    ];
  },
};

/** Without Redis: the one replica leads, and runs the report every second. */
export const reportOneReplicaStep: DemoStep = {
  title: 'Report job (one replica, @Cron every second + @Singleton leader)',
  name: 'Report job, 1 replica',
  needs: 'no-redis',
  async run({ system, timeline }) {
    await pause(1_300);
    const latest = await request<Run>(`${system.orders[0].url}/reports/latest`);
    timeline.note(`GET /reports/latest: ${latest.status}, run by ${latest.body.replica} at ${latest.body.ranAt}`);
    return [result('Report job, 1 replica', 'runs every second on the replica', `${latest.status}, by ${latest.body.replica}`, latest.status === 200 && latest.body.replica === 'orders-1')];
  },
};
