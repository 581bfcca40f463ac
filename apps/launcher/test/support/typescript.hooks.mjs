// Module hooks that let Node run this repository's TypeScript sources without a build, for tests
// that start the sample system as real processes. Loaded by `register-typescript.mjs`.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { pid } from 'node:process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

// Transpiled modules are kept by content hash, so the next run skips most of the transpiling.
const cacheDir = join(tmpdir(), `bulwark-ts-hooks-${ts.version}`);

const compilerOptions = {
  module: ts.ModuleKind.ESNext,
  target: ts.ScriptTarget.ES2022,
  experimentalDecorators: true,
  emitDecoratorMetadata: true,
  inlineSourceMap: true,
};

/**
 * Resolves `./file.js` to `./file.ts` when only the TypeScript source exists, as `tsc` does.
 *
 * @param {string} specifier what the importing module asked for
 * @param {object} context Node's resolve context
 * @param {Function} nextResolve Node's own resolution
 * @returns {Promise<object>} the resolved module
 */
export async function resolve(specifier, context, nextResolve) {
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    const fromSource = context.parentURL?.endsWith('.ts') && specifier.startsWith('.') && specifier.endsWith('.js');
    if (!fromSource) throw error;
    return nextResolve(`${specifier.slice(0, -3)}.ts`, context);
  }
}

/**
 * Transpiles `.ts` modules to JavaScript, with the decorator metadata Nest's DI reads.
 *
 * @param {string} url the module's URL
 * @param {object} context Node's load context
 * @param {Function} nextLoad Node's own loader
 * @returns {Promise<object>} the module's source
 */
export async function load(url, context, nextLoad) {
  if (!url.endsWith('.ts')) return nextLoad(url, context);
  const fileName = fileURLToPath(url);
  const source = await readFile(fileName, 'utf8');
  const cached = join(cacheDir, `${createHash('sha256').update(fileName).update('\0').update(source).digest('hex')}.js`);
  try {
    return { format: 'module', source: await readFile(cached, 'utf8'), shortCircuit: true };
  } catch {
    // Not transpiled yet.
  }
  const { outputText } = ts.transpileModule(source, { compilerOptions, fileName });
  await mkdir(cacheDir, { recursive: true });
  // Written under a unique name first, so a concurrent reader never sees half a file.
  const partial = `${cached}.${pid}.tmp`;
  await writeFile(partial, outputText);
  await rename(partial, cached);
  return { format: 'module', source: outputText, shortCircuit: true };
}
