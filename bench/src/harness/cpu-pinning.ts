import { spawnSync } from 'node:child_process';

/** What {@link onCpus} did. */
export interface Pinning {
  /** The CPU each group of processes ran on, in the order given, or `undefined` when they were left to the scheduler. */
  readonly cpus: readonly number[] | undefined;
  /** Why they were not pinned, when they were not. */
  readonly skipped?: string;
}

/**
 * Runs `work` with each group of processes (every thread of each process) pinned to a CPU of its
 * own, then gives every process back the affinity it had. For loopback round trips on a VM, where
 * the scheduler's placement decides a single call's latency more than anything measured: on a
 * 2-core test machine about 25-40 µs when client and server share a core and 75-105 µs when the
 * reply crosses cores, and unpinned the placement changes from run to run. Two groups (client,
 * server) fix the cross-core placement a client and a remote Redis always have; one group puts
 * everything on one core, the shortest round trip there is.
 *
 * Linux only, through `taskset` (util-linux); elsewhere, or without a CPU for every group (and a
 * second one at all), `work` runs unpinned and the result says why.
 *
 * @param groups the processes to pin, one CPU per group, e.g. `[[process.pid], [server.pid]]`
 * @param work what to run meanwhile
 * @returns what `work` returned, and the pinning it ran under
 * @throws what `work` threw, after restoring the affinities
 * @example
 * const { result, pinning } = await onCpus([[process.pid], [server.pid]], () => measureLatency(candidates));
 */
export async function onCpus<T>(groups: ReadonlyArray<readonly number[]>, work: () => Promise<T>): Promise<{ result: T; pinning: Pinning }> {
  const pids = groups.flat();
  const masks = pids.map(affinityOf);
  const unknown = masks.findIndex((mask) => mask === undefined);
  if (unknown >= 0) return { result: await work(), pinning: { cpus: undefined, skipped: `no affinity for pid ${pids[unknown]} (taskset missing or not Linux)` } };
  // One group still needs a second CPU: on a single-CPU machine, pinning changes nothing.
  const needed = Math.max(groups.length, 2);
  const cpus = lowestSharedCpus(masks as bigint[], needed);
  if (cpus === undefined) return { result: await work(), pinning: { cpus: undefined, skipped: `the processes share fewer than ${needed} CPUs` } };
  try {
    groups.forEach((group, i) => group.forEach((pid) => taskset(['-a', '-p', '-c', String(cpus[i]), String(pid)])));
    return { result: await work(), pinning: { cpus: cpus.slice(0, groups.length) } };
  } finally {
    pids.forEach((pid, i) => taskset(['-a', '-p', masks[i]!.toString(16), String(pid)]));
  }
}

/** @returns the affinity mask of `pid`, or `undefined` when it cannot be read */
function affinityOf(pid: number): bigint | undefined {
  const output = taskset(['-p', String(pid)]);
  const hex = output === undefined ? undefined : /mask:\s*([0-9a-f,]+)\s*$/i.exec(output)?.[1];
  return hex === undefined ? undefined : BigInt(`0x${hex.replaceAll(',', '')}`);
}

/** @returns the lowest `count` CPUs every mask allows, or `undefined` when they allow fewer */
function lowestSharedCpus(masks: readonly bigint[], count: number): number[] | undefined {
  const shared = masks.reduce((all, mask) => all & mask);
  const cpus: number[] = [];
  for (let cpu = 0; shared >> BigInt(cpu) !== 0n && cpus.length < count; cpu++) {
    if (((shared >> BigInt(cpu)) & 1n) === 1n) cpus.push(cpu);
  }
  return cpus.length === count ? cpus : undefined;
}

function taskset(args: readonly string[]): string | undefined {
  const run = spawnSync('taskset', args, { encoding: 'utf8' });
  return run.status === 0 ? run.stdout : undefined;
}
