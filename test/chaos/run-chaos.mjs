// `npm run test:chaos [-- --long] [vitest arguments]`: runs the chaos scenarios with one seed for
// all of them (CHAOS_SEED, or a fresh one it prints), the long profile with --long (CHAOS_LONG=1),
// and, when they pass, rewrites the generated section of docs/reliability.md from their results.
import { spawnSync } from 'node:child_process';
import console from 'node:console';
import { randomInt } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { URL, fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const vitest = join(dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');
const loader = join(root, 'test/support/ts-loader/ts-loader.mjs');

const args = process.argv.slice(2);
const env = { ...process.env, CHAOS_SEED: process.env.CHAOS_SEED || String(randomInt(2 ** 32 - 1)) };
if (args.includes('--long')) env.CHAOS_LONG = '1';
console.info(`[chaos] seed ${env.CHAOS_SEED}${env.CHAOS_LONG === '1' ? ', long profile' : ''}`);

const suite = spawnSync(process.execPath, [vitest, 'run', 'test/chaos', ...args.filter((arg) => arg !== '--long')], { cwd: root, env, stdio: 'inherit' });
if (suite.status !== 0) {
  console.error('[chaos] the suite failed: docs/reliability.md is left as it was.');
  process.exit(suite.status ?? 1);
}
const report = spawnSync(process.execPath, ['--conditions=source', '--import', loader, join(root, 'test/chaos/report/write-reliability-report.ts')], { cwd: root, env, stdio: 'inherit' });
process.exit(report.status ?? 1);
