import { spawn, spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { onCpus } from '../src/harness/cpu-pinning.js';

const affinity = (pid: number): string => /mask:\s*(\S+)/.exec(spawnSync('taskset', ['-p', String(pid)], { encoding: 'utf8' }).stdout)?.[1] ?? 'unknown';
const maskOf = (cpu: number): string => (1n << BigInt(cpu)).toString(16);
const sleepers: Array<ReturnType<typeof spawn>> = [];

function sleeper(): number {
  const child = spawn('sleep', ['30']);
  sleepers.push(child);
  return child.pid!;
}

afterEach(() => {
  for (const child of sleepers.splice(0)) child.kill('SIGKILL');
});

describe('onCpus', () => {
  it('pins one group to one CPU while the work runs, then restores each affinity', async () => {
    const pids = [process.pid, sleeper()];
    const before = pids.map(affinity);
    let during: string[] = [];
    const { result, pinning } = await onCpus([pids], async () => {
      during = pids.map(affinity);
      return 'measured';
    });
    expect(result).toBe('measured');
    expect(pids.map(affinity)).toEqual(before);
    if (pinning.cpus === undefined) {
      // One CPU, or no taskset: the work still ran, and the result says why it was not pinned.
      expect(pinning.skipped).toMatch(/.+/);
      return;
    }
    expect(pinning.cpus).toHaveLength(1);
    expect(during).toEqual(pids.map(() => maskOf(pinning.cpus![0])));
  });

  it('gives each group a CPU of its own', async () => {
    const client = sleeper();
    const server = sleeper();
    let during: string[] = [];
    const { pinning } = await onCpus([[client], [server]], async () => {
      during = [affinity(client), affinity(server)];
    });
    if (pinning.cpus === undefined) {
      expect(pinning.skipped).toMatch(/fewer than 2 CPUs|taskset/);
      return;
    }
    expect(pinning.cpus[0]).not.toBe(pinning.cpus[1]);
    expect(during).toEqual(pinning.cpus.map(maskOf));
  });

  it('leaves the processes to the scheduler when there are fewer CPUs than groups', async () => {
    const groups = Array.from({ length: availableParallelism() + 1 }, () => [sleeper()]);
    const { result, pinning } = await onCpus(groups, async () => 'ran');
    expect(result).toBe('ran');
    expect(pinning.cpus).toBeUndefined();
    expect(pinning.skipped).toMatch(new RegExp(`fewer than ${groups.length} CPUs|taskset`));
  });

  it('restores the affinities when the work throws', async () => {
    const pid = sleeper();
    const before = affinity(pid);
    await expect(onCpus([[pid], [process.pid]], () => Promise.reject(new Error('failed run')))).rejects.toThrow('failed run');
    expect(affinity(pid)).toBe(before);
  });
});
