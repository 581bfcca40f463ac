import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { useRedisServers } from '@bulwark/test/support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transpileCached } from '../../../test/support/ts-loader/transpile-cache.mjs';

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
const TS_LOADER = fileURLToPath(new URL('../../../test/support/ts-loader/ts-loader.mjs', import.meta.url));
const PROCESSES = 4;
const CALLERS = 250;

interface Instance {
  readonly child: ChildProcess;
  readonly lines: AsyncIterator<string>;
}

describe(`RedisSingleFlight across ${PROCESSES} OS processes × ${CALLERS} callers`, () => {
  const servers = useRedisServers(1);
  const instances: Instance[] = [];

  // Strip the types of every source once here, so the children only read the cache.
  beforeAll(async () => {
    const sources = ['../../core/src/', '../src/', './fixtures/'].map((dir) => fileURLToPath(new URL(dir, import.meta.url)));
    const files = (await Promise.all(sources.map(async (dir) => (await readdir(dir, { recursive: true })).map((file) => join(dir, file))))).flat();
    const typescript = files.filter((file) => file.endsWith('.ts') && !file.endsWith('.spec.ts') && !file.endsWith('.test-d.ts'));
    await Promise.all(typescript.map(async (file) => transpileCached(file, await readFile(file, 'utf8'))));
  });

  afterAll(() => {
    for (const { child } of instances) child.kill('SIGKILL');
  });

  it('calls the factory once for a key, where coalescing within each process alone calls it once per process', async () => {
    instances.push(...Array.from({ length: PROCESSES }, () => startInstance(servers[0].port)));
    for (const instance of instances) expect(await nextLine(instance)).toBe('ready');

    for (const { child } of instances) child.stdin!.end('go\n');
    const outputs = await Promise.all(instances.map(async (instance) => JSON.parse(await nextLine(instance)) as unknown));
    await Promise.all(instances.map(({ child }) => (child.exitCode === null ? once(child, 'exit') : undefined)));

    const summary = (key: string) => ({ values: [`value of ${key}`], count: CALLERS });
    expect(outputs).toEqual(Array(PROCESSES).fill({ shared: summary('shared'), control: summary('control') }));
    const redis = servers[0].client();
    expect(Number(await redis.get('shared:calls'))).toBe(1);
    // The control proves the harness sees duplicates: without the Redis lock, every process computes.
    expect(Number(await redis.get('control:calls'))).toBe(PROCESSES);
  });
});

/** Starts one instance as its own OS process, running the TypeScript sources through a loader hook. */
function startInstance(port: number): Instance {
  const child = spawn(process.execPath, ['--conditions=source', '--import', TS_LOADER, 'single-flight.child.ts', String(port), String(CALLERS)], {
    cwd: fixtures,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  return { child, lines: createInterface({ input: child.stdout! })[Symbol.asyncIterator]() };
}

async function nextLine(instance: Instance): Promise<string> {
  const { value, done } = await instance.lines.next();
  if (done) throw new Error(`an instance exited early with code ${instance.child.exitCode}`);
  return value;
}
