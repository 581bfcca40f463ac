import { request } from 'sample-kit';
import { pause } from '../pause.js';
import { DEMO_TIMINGS } from '../demo.settings.js';
import type { OrderReplica } from '../demo-system.js';
import { ordersHealth } from '../probes.js';
import { result, type DemoStep, type StepResult } from '../step.types.js';

const { leaseMs, retryPeriodMs, retryJitter, failoverMarginMs } = DEMO_TIMINGS;
/** A leader that dies without resigning is replaced within this. */
const BOUND_MS = Math.round(leaseMs + (1 + retryJitter) * retryPeriodMs + failoverMarginMs);
/** Polling gives up after this, so a broken election still ends the demo. */
const GIVE_UP_MS = 3 * BOUND_MS;
/** The report must move to the new leader within this. */
const REPORT_WITHIN_MS = 2_500;

interface Run {
  readonly replica: string;
  readonly term: number;
}

/** With Redis: the leader of the 3 replicas is SIGKILLed; another is elected within the bound and runs the report. */
export const failoverStep: DemoStep = {
  title: 'Leader killed (SIGKILL)',
  name: 'Failover after SIGKILL',
  needs: 'redis',
  async run({ system, timeline }) {
    const leaderId = (await ordersHealth(system.orders[0].url)).election.leaderId;
    const leader = system.orders.find(({ id }) => id === leaderId);
    if (leader === undefined) return [result('Failover: new leader', 'a leader to kill', `no leader known (${String(leaderId)})`, false)];
    const before = (await request<Run>(`${leader.url}/reports/latest`)).body;
    const survivors = system.orders.filter((replica) => replica !== leader);
    leader.process.kill();
    const killedAt = performance.now();
    timeline.note(`${leader.id} leads (term ${before.term}); SIGKILL to it (pid ${leader.process.pid}): it cannot resign`);
    const elected = await newLeader(survivors, leader.id, killedAt);
    const ms = Math.round(performance.now() - killedAt);
    timeline.note(elected === undefined ? `no new leader after ${ms} ms` : `${elected} elected ${ms} ms after the kill (bound ${BOUND_MS} ms)`);
    const rows = [result('Failover: new leader', `≤ ${BOUND_MS} ms (lease + 1.2 × retry + ${failoverMarginMs})`, `${elected ?? 'none'} after ${ms} ms`, elected !== undefined && ms <= BOUND_MS)];
    return [...rows, await reportMoved(survivors[0], elected, before.term, timeline.note.bind(timeline))];
  },
};

async function newLeader(survivors: readonly OrderReplica[], old: string, since: number): Promise<string | undefined> {
  while (performance.now() - since < GIVE_UP_MS) {
    const elections = await Promise.all(survivors.map(async ({ url }) => (await ordersHealth(url)).election));
    const leading = elections.find((election) => election.leader && election.id !== old);
    if (leading) return leading.id;
    await pause(20);
  }
  return undefined;
}

async function reportMoved(reader: OrderReplica, elected: string | undefined, oldTerm: number, note: (text: string) => void): Promise<StepResult> {
  const since = performance.now();
  let latest = (await request<Run>(`${reader.url}/reports/latest`)).body;
  while (latest.replica !== elected && performance.now() - since < REPORT_WITHIN_MS) {
    await pause(100);
    latest = (await request<Run>(`${reader.url}/reports/latest`)).body;
  }
  note(`GET /reports/latest on ${reader.id}: run by ${latest.replica}, term ${latest.term} (was ${oldTerm})`);
  return result('Failover: report resumes', 'run by the new leader, newer term', `${latest.replica}, term ${latest.term} (was ${oldTerm})`, latest.replica === elected && latest.term > oldTerm);
}
