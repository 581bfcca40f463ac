import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { isAlive } from './process-alive.js';

const register = fileURLToPath(new URL('../../../test/support/ts-loader/ts-loader.mjs', import.meta.url));
const demoMain = fileURLToPath(new URL('../src/demo.ts', import.meta.url));
const ROW = /^\| (\d+)\s+\| ([^|]+?)\s+\| ([^|]+?)\s+\| ([^|]+?)\s+\| (ok|FAILED|skipped)\s+\|$/gm;
const ORDER_PID = /^ {2}order-service\s+\S+\s+orders-\d \(pid (\d+)\)$/gm;
const REDIS_LINE = /^ {2}redis-server\s+(.+) \(throwaway/m;

let demo: ReturnType<typeof spawn> | undefined;

afterEach(() => {
  // Never leave the demo behind when an assertion failed half-way; it stops what it started on SIGTERM.
  demo?.kill('SIGTERM');
  demo = undefined;
});

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const answer = (accepted: boolean): void => {
      socket.destroy();
      resolve(accepted);
    };
    socket.once('connect', () => answer(true)).once('error', () => answer(false));
    socket.setTimeout(500, () => answer(false));
  });
}

/** Runs the real demo from source, as `npm run demo` runs it built, and collects its output. */
function runDemo(): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['--conditions=source', '--import', register, demoMain], { stdio: ['ignore', 'pipe', 'pipe'] });
  demo = child;
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })));
}

describe('npm run demo', () => {
  it('runs every step against real processes and 3 Redis servers, passes each check, and stops everything it started', async () => {
    const { code, output } = await runDemo();

    const rows = [...output.matchAll(ROW)].map(([, , step, , observed, ok]) => ({ step, observed, ok }));
    expect(rows.map(({ step, ok }) => `${step}: ${ok}`), output).toEqual([
      'Normal traffic: ok',
      'Outage: stale stock served: ok',
      'Outage: no retry storm: ok',
      'Outage: nothing cached: ok',
      'Outage: orders refused fast: ok',
      'Recovery through half-open: ok',
      'Catalog update on orders-1 evicts orders-2: ok',
      'Report job, 3 replicas: ok',
      'Failover: new leader: ok',
      'Failover: report resumes: ok',
    ]);
    expect(output).toContain('PASSED: 10 of 10 checks behaved as claimed. Exit code 0.');
    expect(code).toBe(0);
    const pids = [...output.matchAll(ORDER_PID)].map(([, pid]) => Number(pid));
    const ports = (REDIS_LINE.exec(output)?.[1] ?? '').split(', ').map((address) => Number(address.split(':')[1]));
    expect(pids).toHaveLength(3);
    expect(ports).toHaveLength(3);
    expect(ports).not.toContain(6379);
    expect(pids.map(isAlive)).toEqual([false, false, false]);
    expect(await Promise.all(ports.map(accepts))).toEqual([false, false, false]);
  }, 60_000);
});
