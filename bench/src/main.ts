import { spawnSync } from 'node:child_process';
import { captureStdout, saveResult } from './harness/result.file.js';
import { TINY_OPTIONS, type SuiteOptions } from './harness/suite.js';
import { suites } from './suites/suite.registry.js';

const USAGE = 'usage: npm run bench [-- <suite>] [--samples=<n>] [--batch=<n>] [--tiny]   (no suite: every suite in turn)';

/** Parses `--samples=<n>`, `--batch=<n>` and `--tiny`; anything else is an error message. */
function parseFlags(flags: readonly string[]): SuiteOptions | string {
  const options: { samples?: number; batch?: number; tiny?: boolean } = {};
  for (const flag of flags) {
    if (flag === '--tiny') {
      options.tiny = true;
      continue;
    }
    const match = /^--(samples|batch)=(\d+)$/.exec(flag);
    if (!match || Number(match[2]) < 1) return `unknown or malformed option '${flag}'`;
    options[match[1] as 'samples' | 'batch'] = Number(match[2]);
  }
  return options.tiny ? { ...TINY_OPTIONS, ...options } : options;
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

/**
 * Runs one suite, prints its JSON line last and, unless the run is tiny, saves its result (JSON
 * line, details, table, machine) as `bench/results/<name>.json`.
 */
async function runSuite(name: string, flags: readonly string[], options: SuiteOptions): Promise<void> {
  const suite = await suites[name].load();
  const { value: result, text } = await captureStdout(() => suite.run(options));
  const { details: _details, ...line } = result;
  console.log(JSON.stringify(line));
  if (options.tiny) return;
  const path = await saveResult(name, result, text, ['npm run bench --', name, ...flags].join(' '));
  process.stderr.write(`${name}: saved ${path}\n`);
}

/** Runs every suite in turn; one that fails (e.g. no redis-server) does not stop the others. */
async function runAll(flags: readonly string[], options: SuiteOptions): Promise<void> {
  for (const name of Object.keys(suites)) {
    process.stderr.write(`\n== ${name}: ${suites[name].description}\n`);
    try {
      await runSuite(name, flags, options);
    } catch (error) {
      console.error(`${name} failed:`, error);
      process.exitCode = 1;
    }
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const name = args[0]?.startsWith('--') === false ? args[0] : undefined;
  const flags = name === undefined ? args : args.slice(1);
  if (name !== undefined && !Object.hasOwn(suites, name)) return refuse(`unknown suite '${name}'`);
  const options = parseFlags(flags);
  if (typeof options === 'string') return refuse(options);
  if (typeof (globalThis as { gc?: unknown }).gc !== 'function') return rerunWithGc();
  if (name === undefined) await runAll(flags, options);
  else await runSuite(name, flags, options);
}

await main();
