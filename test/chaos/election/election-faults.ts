import type { ChaosRandom } from '../support/chaos-random.js';
import { monotonicMs, sleep, waitUntil } from '../support/monotonic-time.js';
import type { ElectionHarness, WorkerSlot } from './election-harness.js';

/** One step of a schedule. Node numbers index the lock nodes; "the leader" is resolved when the step runs. */
export type ElectionFault =
  /** SIGKILL the leader, optionally with a minority of nodes down meanwhile; start it again after the failover. */
  | { readonly kind: 'kill-leader'; readonly nodesDown: readonly number[] }
  /** SIGSTOP the leader until another is elected and has written for `extraMs`, then SIGCONT: beyond its lease. */
  | { readonly kind: 'pause-leader'; readonly extraMs: number }
  /** Cut the leader's links to a majority of nodes until another is elected, and `extraMs` more. */
  | { readonly kind: 'partition-leader'; readonly nodes: readonly number[]; readonly extraMs: number }
  /** Crash a minority of nodes for `downMs`, then restart them from their AOF. */
  | { readonly kind: 'kill-nodes'; readonly nodes: readonly number[]; readonly downMs: number }
  /** Delay the leader's links to a minority of nodes by `delayMs` for `holdMs`. */
  | { readonly kind: 'slow-links'; readonly nodes: readonly number[]; readonly delayMs: number; readonly holdMs: number }
  /** Reset (RST) every link of the leader or of a follower. */
  | { readonly kind: 'reset-links'; readonly target: 'leader' | 'follower' }
  /** SIGKILL a follower, start it again. */
  | { readonly kind: 'kill-follower' }
  /** With exactly the nodes `nodesDown` crashed (others restarted), make the leader resign. */
  | { readonly kind: 'resign-leader'; readonly nodesDown: readonly number[] };

type Executor<K extends ElectionFault['kind']> = (harness: ElectionHarness, fault: Extract<ElectionFault, { kind: K }>) => Promise<void>;

const EXECUTORS: { readonly [K in ElectionFault['kind']]: Executor<K> } = {
  'kill-leader': killLeader,
  'pause-leader': pauseLeader,
  'partition-leader': partitionLeader,
  'kill-nodes': killNodes,
  'slow-links': slowLinks,
  'reset-links': resetLinks,
  'kill-follower': killFollower,
  'resign-leader': resignLeader,
};

/**
 * The nemesis: a seeded list of faults, more than any run needs; a run executes a prefix of it.
 *
 * @param random the scenario's generator
 * @param nodes how many lock nodes there are
 * @param count how many steps to draw
 * @returns the schedule
 */
export function nemesisSchedule(random: ChaosRandom, nodes: number, count: number): ElectionFault[] {
  const majority = Math.floor(nodes / 2) + 1;
  const indexes = Array.from({ length: nodes }, (_, i) => i);
  const minority = (): number[] => random.sample(indexes, random.int(1, nodes - majority));
  const kinds: ReadonlyArray<readonly [ElectionFault['kind'], number]> = [
    ['kill-leader', 3],
    ['pause-leader', 2],
    ['partition-leader', 3],
    ['kill-nodes', 2],
    ['slow-links', 1],
    ['reset-links', 1],
    ['kill-follower', 1],
  ];
  return Array.from({ length: count }, (): ElectionFault => {
    const kind = random.weighted(kinds);
    switch (kind) {
      case 'kill-leader':
        return { kind, nodesDown: random.chance(0.3) ? random.sample(indexes, 1) : [] };
      case 'pause-leader':
        return { kind, extraMs: random.int(200, 800) };
      case 'partition-leader':
        return { kind, nodes: random.sample(indexes, random.int(majority, nodes)), extraMs: random.int(0, 1_000) };
      case 'kill-nodes':
        return { kind, nodes: minority(), downMs: random.int(500, 3_000) };
      case 'slow-links':
        return { kind, nodes: minority(), delayMs: random.int(20, 300), holdMs: random.int(500, 2_000) };
      case 'reset-links':
        return { kind, target: random.chance(0.5) ? 'leader' : 'follower' };
      default:
        return { kind: 'kill-follower' };
    }
  });
}

/**
 * Runs a schedule, one fault at a time, until it ends or `untilMs` of monotonic time has passed;
 * between faults it waits until a leader exists and lets the system settle.
 *
 * @param harness the running workers
 * @param schedule the faults
 * @param random for the pauses between faults
 * @param untilMs stop starting new faults after this monotonic time @default never
 * @returns how many faults ran
 */
export async function runSchedule(harness: ElectionHarness, schedule: readonly ElectionFault[], random: ChaosRandom, untilMs = Infinity): Promise<number> {
  let ran = 0;
  for (const fault of schedule) {
    if (monotonicMs() >= untilMs) break;
    await leaderOf(harness);
    harness.countFault(fault.kind);
    await (EXECUTORS[fault.kind] as Executor<typeof fault.kind>)(harness, fault as never);
    ran++;
    await sleep(random.int(200, 800));
  }
  return ran;
}

function leaderOf(harness: ElectionHarness): Promise<WorkerSlot> {
  return waitUntil('a leader to inject a fault into', () => harness.leader(), harness.failoverBoundMs * 2);
}

async function killLeader(harness: ElectionHarness, fault: Extract<ElectionFault, { kind: 'kill-leader' }>): Promise<void> {
  const leader = await leaderOf(harness);
  const { id } = harness.termOf(leader)!;
  await harness.killNodes(fault.nodesDown);
  const faultAt = await harness.kill(leader);
  await harness.recordFailover('kill-leader', faultAt, id);
  await harness.restartNodes(fault.nodesDown);
  await harness.restart(leader);
}

async function pauseLeader(harness: ElectionHarness, fault: Extract<ElectionFault, { kind: 'pause-leader' }>): Promise<void> {
  const leader = await leaderOf(harness);
  const term = harness.termOf(leader)!;
  leader.process.pause();
  const faultAt = monotonicMs();
  try {
    // Paused past its lease: another instance leads and writes meanwhile.
    await harness.recordFailover('pause-leader', faultAt, term.id);
    await sleep(fault.extraMs);
  } finally {
    leader.process.resume();
  }
  // On waking, its overdue timers end its term; it may first try one stale write.
  await harness.waitForRevoked(term, harness.failoverBoundMs);
}

async function partitionLeader(harness: ElectionHarness, fault: Extract<ElectionFault, { kind: 'partition-leader' }>): Promise<void> {
  const leader = await leaderOf(harness);
  const { id } = harness.termOf(leader)!;
  for (const node of fault.nodes) leader.proxies[node].cut();
  const faultAt = monotonicMs();
  try {
    await harness.recordFailover('partition-leader', faultAt, id);
    await sleep(fault.extraMs);
  } finally {
    for (const node of fault.nodes) leader.proxies[node].heal();
  }
}

async function killNodes(harness: ElectionHarness, fault: Extract<ElectionFault, { kind: 'kill-nodes' }>): Promise<void> {
  await harness.killNodes(fault.nodes);
  await sleep(fault.downMs);
  await harness.restartNodes(fault.nodes);
}

async function slowLinks(harness: ElectionHarness, fault: Extract<ElectionFault, { kind: 'slow-links' }>): Promise<void> {
  const leader = await leaderOf(harness);
  for (const node of fault.nodes) leader.proxies[node].delay(fault.delayMs);
  await sleep(fault.holdMs);
  for (const node of fault.nodes) leader.proxies[node].heal();
}

async function resetLinks(harness: ElectionHarness, fault: Extract<ElectionFault, { kind: 'reset-links' }>): Promise<void> {
  const leader = await leaderOf(harness);
  const target = fault.target === 'leader' ? leader : harness.slots.find((slot) => slot !== leader)!;
  for (const proxy of target.proxies) proxy.reset();
}

async function killFollower(harness: ElectionHarness): Promise<void> {
  const leader = await leaderOf(harness);
  const follower = harness.slots.find((slot) => slot !== leader)!;
  await harness.kill(follower);
  await harness.restart(follower);
}

async function resignLeader(harness: ElectionHarness, fault: Extract<ElectionFault, { kind: 'resign-leader' }>): Promise<void> {
  await harness.setNodesDown(fault.nodesDown);
  const leader = await leaderOf(harness);
  const { id } = harness.termOf(leader)!;
  const faultAt = monotonicMs();
  await harness.resign(leader);
  await harness.recordFailover('resign-leader', faultAt, id);
}

/**
 * Leader pauses beyond the lease, one after another: what fencing tokens exist for.
 *
 * @param random the scenario's generator
 * @param count how many pauses
 * @returns the schedule
 */
export function pauseSchedule(random: ChaosRandom, count: number): ElectionFault[] {
  return Array.from({ length: count }, () => ({ kind: 'pause-leader', extraMs: random.int(300, 600) }));
}

/**
 * Elections through majorities that overlap in one node, in an order that leaves that node's
 * counter behind: with five nodes in a seeded order n0..n4, two elections with n3 and n4 down, two
 * with n2 and n4 down, one with n0 and n1 down, then one with all up. A token that is the largest
 * of per-node counters goes backwards on the fifth; the library's tokens, recorded back on a
 * majority, do not.
 *
 * @param random the scenario's generator
 * @param nodes how many lock nodes there are (five)
 * @returns the schedule
 */
export function divergingMajoritiesSchedule(random: ChaosRandom, nodes: number): ElectionFault[] {
  if (nodes !== 5) throw new Error(`the diverging-majorities schedule is written for 5 nodes, not ${nodes}`);
  const [n0, n1, n2, n3, n4] = random.shuffle([0, 1, 2, 3, 4]);
  const downs = [[n3, n4], [n3, n4], [n2, n4], [n2, n4], [n0, n1], []];
  return downs.map((nodesDown) => ({ kind: 'resign-leader', nodesDown }));
}
