import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileSnippets } from './compile-snippets.js';
import { typescriptSnippets } from './markdown-snippets.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const packageReadmes = readdirSync(`${root}packages`).map((name) => `${root}packages/${name}/README.md`);
const guides = existsSync(`${root}docs`)
  ? readdirSync(`${root}docs`, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.md')).map((f) => `${root}docs/${f}`)
  : [];
const markdown = [`${root}README.md`, ...packageReadmes, ...guides].filter((file) => existsSync(file));

describe('documentation snippets', () => {
  it('finds the package READMEs', () => {
    expect(markdown).toContain(`${root}packages/core/README.md`);
  });

  it('are caught when they drift from the API', () => {
    const drifted = { file: `${root}packages/core/README.md`, line: 10, code: "import { noSuchExport } from '@bulwark/core';" };
    const problems = compileSnippets([drifted], `${root}tsconfig.json`);
    expect(problems).toEqual([
      { where: `${root}packages/core/README.md:11`, message: expect.stringContaining("has no exported member 'noSuchExport'") },
    ]);
  }, 60_000);

  it('compile against the current API', () => {
    const snippets = markdown.flatMap(typescriptSnippets);
    expect(snippets.length).toBeGreaterThan(0);
    const problems = compileSnippets(snippets, `${root}tsconfig.json`).map((d) => `${d.where}: ${d.message}`);
    expect(problems).toEqual([]);
  }, 60_000);
});
