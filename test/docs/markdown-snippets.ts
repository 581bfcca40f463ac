import { readFileSync } from 'node:fs';

/** A fenced TypeScript block from a Markdown file. */
export interface Snippet {
  /** The Markdown file it came from. */
  readonly file: string;
  /** The 1-based line of the opening fence. */
  readonly line: number;
  readonly code: string;
}

const FENCE = /^```(ts|typescript)\s*$/;

/**
 * Extracts every ```ts block of a Markdown file. A block fenced as ```ts ignore is left out, for
 * the rare fragment that cannot stand alone.
 *
 * @param file path of the Markdown file
 * @returns the blocks in order of appearance
 */
export function typescriptSnippets(file: string): Snippet[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const snippets: Snippet[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!FENCE.test(lines[i])) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !lines[i].startsWith('```'); i++) body.push(lines[i]);
    snippets.push({ file, line: start + 1, code: body.join('\n') });
  }
  return snippets;
}
