import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { monotonicMs } from './monotonic-time.js';

const CHILD = 'process.stdin.once("data", () => { process.stdout.write(String(Number(process.hrtime.bigint() / 1000n) / 1000)); process.exit(0); });';

/** Starts a child `node`, lets `between` run, then asks for its monotonic reading. */
async function childReading(between: (pid: number) => Promise<void> = async () => undefined): Promise<number> {
  const child = spawn(process.execPath, ['-e', CHILD], { stdio: ['pipe', 'pipe', 'inherit'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await between(child.pid!);
  child.stdin.write('now\n');
  await once(child, 'exit');
  return Number(output);
}

describe('monotonicMs: one clock for every process on the machine (CLOCK_MONOTONIC)', () => {
  it.each([1, 2, 3])('reads, in a child process, a time between two readings of its parent (round %i)', async () => {
    let before = 0;
    const reading = await childReading(async () => {
      // Give the child time to start, so its own start is not what is measured.
      await new Promise((resolve) => setTimeout(resolve, 100));
      before = monotonicMs();
    });
    const after = monotonicMs();
    expect(reading).toBeGreaterThanOrEqual(before);
    expect(reading).toBeLessThanOrEqual(after);
  });

  it('counts from boot, not from the process start as performance.now() does', () => {
    expect(monotonicMs() - performance.now()).toBeGreaterThan(1_000);
  });

  it('keeps running while a process is paused: a reading after SIGCONT includes the pause', async () => {
    let pausedAt = 0;
    const reading = await childReading(async (pid) => {
      await new Promise((resolve) => setTimeout(resolve, 100));
      process.kill(pid, 'SIGSTOP');
      pausedAt = monotonicMs();
      await new Promise((resolve) => setTimeout(resolve, 300));
      process.kill(pid, 'SIGCONT');
    });
    expect(reading - pausedAt).toBeGreaterThanOrEqual(300);
  });
});
