import { spawnSync } from 'node:child_process';

/** What {@link onOneCpu} did. */
export interface Pinning {
  /** The CPU every process ran on, or `undefined` when they were left to the scheduler. */
  readonly cpu: number | undefined;
  /** Why they were not pinned, when they were not. */
  readonly skipped?: string;
}

/**
 * Runs `work` with the given processes (every thread of each) pinned to one CPU, then gives them
 * back the affinity they had. For loopback round trips: on a VM, whether the reply crosses cores
 * decides a single call's latency more than anything measured (on a 2-core test machine, about
 * 22 µs on one core and 85 µs across), and the scheduler's choice changes from run to run. Pinned,
 * the round trip is at its shortest, so client-side overhead weighs the most in a ratio.
 *
 * Linux only, through `taskset` (util-linux); elsewhere, or with one CPU, `work` runs unpinned and
 * the result says why.
 *
 * @param pids the processes to pin, e.g. this one and a `redis-server` it started
 * @param work what to run meanwhile
 * @returns what `work` returned, and the pinning it ran under
 * @throws what `work` threw, after restoring the affinities
 * @example
 * const { result, pinning } = await onOneCpu([process.pid, server.pid], () => measureLatency(candidates));
 */
export async function onOneCpu<T>(pids: readonly number[], work: () => Promise<T>): Promise<{ result: T; pinning: Pinning }> {
  const masks = pids.map(affinityOf);
  const unknown = masks.findIndex((mask) => mask === undefined);
  if (unknown >= 0) return { result: await work(), pinning: { cpu: undefined, skipped: `no affinity for pid ${pids[unknown]} (taskset missing or not Linux)` } };
  const cpu = lowestSharedCpu(masks as bigint[]);
  if (cpu === undefined) return { result: await work(), pinning: { cpu: undefined, skipped: 'the processes share no CPU, or have only one' } };
  try {
    for (const pid of pids) taskset(['-a', '-p', '-c', String(cpu), String(pid)]);
    return { result: await work(), pinning: { cpu } };
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

/** @returns the lowest CPU every mask allows, when the masks allow more than one CPU in all */
function lowestSharedCpu(masks: readonly bigint[]): number | undefined {
  const shared = masks.reduce((all, mask) => all & mask);
  const union = masks.reduce((all, mask) => all | mask);
  if (shared === 0n || (union & (union - 1n)) === 0n) return undefined;
  let cpu = 0;
  while (((shared >> BigInt(cpu)) & 1n) === 0n) cpu++;
  return cpu;
}

function taskset(args: readonly string[]): string | undefined {
  const run = spawnSync('taskset', args, { encoding: 'utf8' });
  return run.status === 0 ? run.stdout : undefined;
}
