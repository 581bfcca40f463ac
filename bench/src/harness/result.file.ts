import { mkdir, writeFile } from 'node:fs/promises';
import { arch, cpus, loadavg, platform, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { SuiteResult } from './suite.js';

/** Where results are saved: `bench/results/`, the same from `src/harness` and `dist/harness`. */
export const RESULTS_DIR = fileURLToPath(new URL('../../results/', import.meta.url));

/** The machine a result was measured on, so a reader can tell whether two results compare. */
export interface MachineInfo {
  /** The CPU model as the OS reports it, e.g. `Intel(R) Xeon(R) Processor`. */
  readonly cpu: string;
  /** Logical cores. */
  readonly cores: number;
  /** Total memory in GiB, rounded to one decimal. */
  readonly memory_gib: number;
  /** `process.version`, e.g. `v20.20.2`. */
  readonly node: string;
  /** `linux x64` and the like. */
  readonly platform: string;
  /** The 1-minute load average when the suite finished: above the core count, other work competed for the CPU. */
  readonly load_1m: number;
  /** When the suite finished, ISO 8601 in UTC. */
  readonly date: string;
}

/** The content of `bench/results/<suite>.json`: what the report script reads. */
export interface ResultFile {
  readonly suite: string;
  /** The JSON line the suite printed. */
  readonly summary: Omit<SuiteResult, 'details'>;
  /** Extra data for charts, not printed (e.g. a time series). */
  readonly details?: unknown;
  /** The suite's table, notes and verdicts, as printed. */
  readonly table: string;
  /** The command that reproduces the run. */
  readonly command: string;
  readonly machine: MachineInfo;
}

/**
 * Describes this machine and this moment.
 *
 * @returns cpu model, cores, memory, node version, platform, load and the date
 * @example
 * machineInfo().cores; // 2
 */
export function machineInfo(): MachineInfo {
  const cores = cpus();
  return {
    cpu: cores[0]?.model.trim() ?? 'unknown',
    cores: cores.length,
    memory_gib: Math.round(totalmem() / 2 ** 30 * 10) / 10,
    node: process.version,
    platform: `${platform()} ${arch()}`,
    load_1m: Math.round(loadavg()[0] * 100) / 100,
    date: new Date().toISOString(),
  };
}

/**
 * Runs `work` while copying everything written to stdout, so a suite's table can be saved without
 * the suite knowing about files.
 *
 * @param work the suite run
 * @returns what `work` resolved with, and the text it printed
 * @throws whatever `work` throws; stdout is restored either way
 * @example
 * const { value, text } = await captureStdout(() => suite.run(options));
 */
export async function captureStdout<T>(work: () => Promise<T>): Promise<{ value: T; text: string }> {
  const chunks: string[] = [];
  const original = process.stdout.write;
  const tee = function (this: NodeJS.WriteStream, chunk: string | Uint8Array, ...rest: unknown[]): boolean {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return (original as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
  };
  process.stdout.write = tee as typeof process.stdout.write;
  try {
    const value = await work();
    return { value, text: chunks.join('') };
  } finally {
    process.stdout.write = original;
  }
}

/**
 * Saves one suite's result as `bench/results/<suite>.json`, replacing the previous one.
 *
 * @param name the suite's registry name
 * @param result what the suite returned, `details` included
 * @param table what the suite printed before its JSON line
 * @param command the command line that reproduces the run
 * @returns the file's path
 * @example
 * await saveResult('core', summary, text, 'npm run bench -- core');
 */
export async function saveResult(name: string, result: SuiteResult, table: string, command: string): Promise<string> {
  const { details, ...summary } = result;
  const file: ResultFile = { suite: name, summary, details, table: table.trimEnd(), command, machine: machineInfo() };
  await mkdir(RESULTS_DIR, { recursive: true });
  const path = `${RESULTS_DIR}${name}.json`;
  await writeFile(path, JSON.stringify(file, null, 2) + '\n');
  return path;
}
