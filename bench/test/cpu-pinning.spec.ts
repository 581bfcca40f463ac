import { spawn, spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { onOneCpu } from '../src/harness/cpu-pinning.js';

const affinity = (pid: number): string => /mask:\s*(\S+)/.exec(spawnSync('taskset', ['-p', String(pid)], { encoding: 'utf8' }).stdout)?.[1] ?? 'unknown';
const sleepers: Array<ReturnType<typeof spawn>> = [];

afterEach(() => {
  for (const sleeper of sleepers.splice(0)) sleeper.kill('SIGKILL');
});

describe('onOneCpu', () => {
  it('pins every process to one CPU while the work runs, then restores each affinity', async () => {
    const sleeper = spawn('sleep', ['30']);
    sleepers.push(sleeper);
    const pids = [process.pid, sleeper.pid!];
    const before = pids.map(affinity);
    let during: string[] = [];
    const { result, pinning } = await onOneCpu(pids, async () => {
      during = pids.map(affinity);
      return 'measured';
    });
    expect(result).toBe('measured');
    expect(pids.map(affinity)).toEqual(before);
    if (pinning.cpu === undefined) {
      // One CPU, or no taskset: the work still ran, and the result says why it was not pinned.
      expect(pinning.skipped).toMatch(/.+/);
      return;
    }
    expect(during).toEqual(pids.map(() => (1n << BigInt(pinning.cpu!)).toString(16)));
  });

  it('restores the affinities when the work throws', async () => {
    const sleeper = spawn('sleep', ['30']);
    sleepers.push(sleeper);
    const before = affinity(sleeper.pid!);
    await expect(onOneCpu([sleeper.pid!, process.pid], () => Promise.reject(new Error('failed run')))).rejects.toThrow('failed run');
    expect(affinity(sleeper.pid!)).toBe(before);
  });
});
