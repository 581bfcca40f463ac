import { fileURLToPath } from 'node:url';
import { ChaosProcess } from '../support/chaos-process.js';
import { waitUntil } from '../support/monotonic-time.js';
import { ChaosProxy } from '../support/tcp-proxy.js';
import type { ElectionObservations, Failover } from './election-checks.js';
import type { ElectionHarnessOptions, WorkerSlot } from './election-harness.options.js';
import type { WorkerConfig, WorkerEvent } from './election.types.js';
import { FencedResource } from './fenced-resource.js';
import { LockNodes } from './lock-nodes.js';
import { TermLog, type TermRef } from './term-log.js';

export type { ElectionHarnessOptions, WorkerSlot } from './election-harness.options.js';
export type { TermRef } from './term-log.js';

const WORKER = fileURLToPath(new URL('../fixtures/election.worker.ts', import.meta.url));
const START_TIMEOUT_MS = 20_000;
const STOP_GRACE_MS = 5_000;

/**
 * Three (or N) election workers as OS processes over N lock nodes, each through its own proxy per
 * node, writing to a fenced resource process while they lead. It records every term, fault and
 * failover, and turns them into `ElectionObservations` for `checkElection`.
 */
export class ElectionHarness {
  readonly slots: WorkerSlot[] = [];
  readonly failovers: Failover[] = [];
  /** How many faults of each kind were injected. */
  readonly faults: Record<string, number> = {};
  private readonly terms = new TermLog();
  private readonly nodes: LockNodes;
  private resource: FencedResource | undefined;

  private constructor(readonly options: ElectionHarnessOptions) {
    this.nodes = new LockNodes(options.nodes);
  }

  /**
   * Starts the resource and the workers, and waits until one of them leads.
   *
   * @param options the nodes, the timing and which protections are on
   * @returns the running harness; `dispose()` it even when the test fails
   */
  static async start(options: ElectionHarnessOptions): Promise<ElectionHarness> {
    const harness = new ElectionHarness(options);
    try {
      const { resourceRedis, name, fencing = true } = options;
      harness.resource = await FencedResource.start({ redisPort: resourceRedis.port, key: `chaos:resource:${name}`, fencing }, START_TIMEOUT_MS);
      await Promise.all(Array.from({ length: options.workers }, (_, i) => harness.addSlot(`w${i + 1}`)));
      await harness.waitForLeader(undefined, START_TIMEOUT_MS);
    } catch (error) {
      await harness.dispose();
      throw error;
    }
    return harness;
  }

  /** lease + retry × (1 + jitter) + margin: the longest a failover may take. */
  get failoverBoundMs(): number {
    const { timing, failoverMarginMs } = this.options;
    return timing.lease + timing.retryPeriod * (1 + timing.retryJitter) + failoverMarginMs;
  }

  /** @param kind counts one injected fault of this kind */
  countFault(kind: string): void {
    this.faults[kind] = (this.faults[kind] ?? 0) + 1;
  }

  /** @returns the slot whose process leads by its latest report, if any */
  leader(): WorkerSlot | undefined {
    const leading = this.slots.filter((slot) => slot.openTerm !== undefined && slot.process.alive);
    return leading.sort((a, b) => b.openTerm!.at - a.openTerm!.at)[0];
  }

  /**
   * Waits for an election after `afterAt` (of anyone but `excludeId`).
   *
   * @returns the elected id and when
   * @throws Error when none comes within `timeoutMs`
   */
  waitForLeader(afterAt: number | undefined, timeoutMs: number, excludeId?: string): Promise<TermRef> {
    return this.terms.waitForElection(afterAt, timeoutMs, excludeId);
  }

  /**
   * Waits for the next leader after a fault and records the failover, whether or not one came.
   *
   * @param fault what was done, e.g. `kill-leader`
   * @param faultAt when, on the monotonic clock
   * @param excludeId the faulted leader's id
   * @param waitMs how long to wait at most @default the bound + 2 s
   * @returns the new leader, or undefined
   */
  async recordFailover(fault: string, faultAt: number, excludeId: string, waitMs = this.failoverBoundMs + 2_000): Promise<TermRef | undefined> {
    const next = await this.waitForLeader(faultAt, waitMs, excludeId).catch(() => undefined);
    this.failovers.push({ fault, faultAt, electedAt: next?.at });
    return next;
  }

  /**
   * @param term a term
   * @param timeoutMs how long to wait
   * @returns whether its term was revoked within the time
   */
  waitForRevoked(term: TermRef, timeoutMs: number): Promise<boolean> {
    return this.terms.waitForEnd(term, timeoutMs);
  }

  /** @returns the term the slot holds by its latest report, if any */
  termOf(slot: WorkerSlot): TermRef | undefined {
    return slot.openTerm;
  }

  /** Kills a slot's process (SIGKILL); its open term ends at that moment. @returns when */
  async kill(slot: WorkerSlot): Promise<number> {
    const at = await slot.process.kill();
    this.terms.killed(slot.process, at);
    slot.openTerm = undefined;
    return at;
  }

  /** Starts a new process in a slot whose process has exited, and waits until it campaigns. */
  async restart(slot: WorkerSlot): Promise<void> {
    slot.generation++;
    slot.process = this.spawnWorker(slot);
    await slot.process.next((event) => event.type === 'ready', START_TIMEOUT_MS);
  }

  /**
   * @param slot the instance
   * @returns what its elector says now
   */
  async status(slot: WorkerSlot): Promise<Extract<WorkerEvent, { type: 'status' }>> {
    const reply = slot.process.next((event): event is Extract<WorkerEvent, { type: 'status' }> => event.type === 'status', 5_000);
    slot.process.send({ cmd: 'status' });
    return reply;
  }

  /** Makes a slot's elector resign (and campaign again with a fresh elector). */
  async resign(slot: WorkerSlot): Promise<void> {
    const done = slot.process.next((event) => event.type === 'resigned', 5_000);
    slot.process.send({ cmd: 'resign' });
    await done;
  }

  /** @param indexes lock nodes to crash (SIGKILL); they keep their AOF for `restartNodes` */
  killNodes(indexes: readonly number[]): Promise<void> {
    return this.nodes.kill(indexes);
  }

  /** @param indexes crashed lock nodes to start again on their ports, from their AOF */
  restartNodes(indexes: readonly number[]): Promise<void> {
    return this.nodes.restart(indexes);
  }

  /**
   * Makes exactly these nodes the crashed ones, restarting any other, and waits until every worker
   * is connected to every node that is up.
   *
   * @param indexes the nodes to have down
   */
  async setNodesDown(indexes: readonly number[]): Promise<void> {
    await this.nodes.setDown(indexes);
    await waitUntil(
      'every worker connected to every node that is up',
      async () => {
        const statuses = await Promise.all(this.slots.map((slot) => this.status(slot)));
        return statuses.every((status) => status.nodes.every((state, index) => this.nodes.isDown(index) || state === 'ready')) ? true : undefined;
      },
      10_000,
      50,
    );
  }

  /** Ends every cut and delay, resumes paused workers, restarts dead ones and nodes. */
  async healAll(): Promise<void> {
    for (const slot of this.slots) {
      for (const proxy of slot.proxies) proxy.heal();
      slot.process.resume();
    }
    await this.nodes.restartAll();
    await Promise.all(this.slots.filter((slot) => !slot.process.alive).map((slot) => this.restart(slot)));
  }

  /**
   * Heals everything, checks that one leader exists and every worker knows it, stops the workers
   * (the leader resigns) and collects the resource's log.
   *
   * @returns what the run observed, for `checkElection`
   */
  async finish(): Promise<ElectionObservations> {
    await this.healAll();
    const leaderAtEnd = await this.agreeOnOneLeader().then(
      () => true,
      () => false,
    );
    // One at a time: each leader resigns, and its revocation is reported before it exits.
    for (const slot of this.slots) await slot.process.stop(STOP_GRACE_MS, { cmd: 'stop' });
    const attempts = await this.resource!.log();
    return { terms: this.terms.closed(), attempts, failovers: this.failovers, failoverBoundMs: this.failoverBoundMs, leaderAtEnd };
  }

  /** Kills every process and closes every proxy; safe to call twice. */
  async dispose(): Promise<void> {
    await Promise.all([...this.slots.map((slot) => slot.process.kill()), this.resource?.kill()]);
    await Promise.all(this.slots.flatMap((slot) => slot.proxies.map((proxy) => proxy.close())));
  }

  private async agreeOnOneLeader(): Promise<void> {
    await waitUntil(
      'one leader known to every worker',
      async () => {
        const statuses = await Promise.all(this.slots.map((slot) => this.status(slot)));
        const leaders = statuses.filter((status) => status.leader);
        const agreed = leaders.length === 1 && statuses.every((status) => status.currentLeader === leaders[0].id);
        return agreed ? true : undefined;
      },
      this.failoverBoundMs + 2_000,
      100,
    );
  }

  private async addSlot(label: string): Promise<void> {
    const proxies = await Promise.all(this.options.nodes.map((node) => ChaosProxy.start(node.port)));
    const slot = { label, proxies, generation: 0, openTerm: undefined } as unknown as WorkerSlot;
    this.slots.push(slot);
    slot.process = this.spawnWorker(slot);
    await slot.process.next((event) => event.type === 'ready', START_TIMEOUT_MS);
  }

  private spawnWorker(slot: WorkerSlot): ChaosProcess<WorkerEvent> {
    const { name, timing, commandTimeoutMs, tokens = 'library', writeIntervalMs = 50 } = this.options;
    const config: WorkerConfig = {
      slot: slot.label,
      generation: slot.generation,
      election: name,
      nodePorts: slot.proxies.map((proxy) => proxy.port),
      resourcePort: this.resource!.port,
      timing,
      commandTimeoutMs,
      tokens,
      writeIntervalMs,
    };
    const child = ChaosProcess.start<WorkerEvent>({ name: `worker ${slot.label}`, script: WORKER, env: { CHAOS_WORKER: JSON.stringify(config) } });
    child.onMessage((event) => this.onEvent(slot, child, event));
    return child;
  }

  private onEvent(slot: WorkerSlot, child: ChaosProcess<WorkerEvent>, event: WorkerEvent): void {
    const opened = this.terms.record(child, event);
    if (opened && slot.process === child) slot.openTerm = opened;
    if (event.type === 'revoked' && slot.openTerm?.id === event.id && slot.openTerm.token === event.token) slot.openTerm = undefined;
  }
}
