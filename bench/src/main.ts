import { spawnSync } from 'node:child_process';
import type { SuiteOptions } from './harness/suite.js';
import { suites } from './suites/suite.registry.js';

const USAGE = 'usage: npm run bench -- <suite> [--samples=<n>] [--batch=<n>]';

/** Parses `--samples=<n>` and `--batch=<n>`; anything else is an error message. */
function parseFlags(flags: readonly string[]): SuiteOptions | string {
  const options: { samples?: number; batch?: number } = {};
  for (const flag of flags) {
    const match = /^--(samples|batch)=(\d+)$/.exec(flag);
    if (!match || Number(match[2]) < 1) return `unknown or malformed option '${flag}'`;
    options[match[1] as 'samples' | 'batch'] = Number(match[2]);
  }
  return options;
}

/** Lists the suites on stderr and sets exit code 2. */
function refuse(problem: string): void {
  const names = Object.entries(suites).map(([name, entry]) => `  ${name.padEnd(8)} ${entry.description}`);
  console.error([problem, USAGE, 'suites:', ...names].join('\n'));
  process.exitCode = 2;
}

/**
 * Re-runs this process with `--expose-gc`, so the harness can collect garbage between batches
 * and no candidate pays for another's garbage. `npm run bench` cannot pass node flags itself.
 */
function rerunWithGc(): void {
  const args = ['--expose-gc', ...process.execArgv, ...process.argv.slice(1)];
  const child = spawnSync(process.execPath, args, { stdio: 'inherit' });
  process.exitCode = child.status ?? 1;
}

async function main(): Promise<void> {
  const [name, ...flags] = process.argv.slice(2);
  const entry = name !== undefined && Object.hasOwn(suites, name) ? suites[name] : undefined;
  if (entry === undefined) return refuse(name === undefined ? 'no suite given' : `unknown suite '${name}'`);
  const options = parseFlags(flags);
  if (typeof options === 'string') return refuse(options);
  if (typeof (globalThis as { gc?: unknown }).gc !== 'function') return rerunWithGc();
  const suite = await entry.load();
  const result = await suite.run(options);
  console.log(JSON.stringify(result));
}

await main();
