import { dirname, join } from 'node:path';
import ts from 'typescript';
import type { Snippet } from './markdown-snippets.js';

/** A compiler complaint about one snippet, located in its Markdown file. */
export interface SnippetDiagnostic {
  readonly where: string;
  readonly message: string;
}

/**
 * Type-checks snippets as standalone ES modules placed beside their Markdown file, so package
 * imports resolve as a reader's would, with the settings of the given tsconfig.
 *
 * @param snippets the blocks to check
 * @param tsconfigPath the tsconfig whose compiler options apply
 * @returns every diagnostic, empty when all snippets compile
 */
export function compileSnippets(snippets: readonly Snippet[], tsconfigPath: string): SnippetDiagnostic[] {
  const config = ts.getParsedCommandLineOfConfigFile(tsconfigPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  if (!config) throw new Error(`cannot read ${tsconfigPath}`);
  const virtual = new Map<string, Snippet>();
  snippets.forEach((snippet, index) => virtual.set(join(dirname(snippet.file), `__snippet_${index}.ts`), snippet));

  const host = ts.createCompilerHost(config.options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  // `export {}` makes every block a module, so top-level await and local names never clash.
  host.readFile = (path) => (virtual.has(path) ? `${virtual.get(path)!.code}\nexport {};\n` : readFile(path));
  host.fileExists = (path) => virtual.has(path) || fileExists(path);

  const program = ts.createProgram([...virtual.keys()], { ...config.options, noEmit: true }, host);
  return ts
    .getPreEmitDiagnostics(program)
    .filter((diagnostic) => diagnostic.file && virtual.has(diagnostic.file.fileName))
    .map((diagnostic) => {
      const snippet = virtual.get(diagnostic.file!.fileName)!;
      const { line } = diagnostic.file!.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
      return {
        where: `${snippet.file}:${snippet.line + 1 + line}`,
        message: ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'),
      };
    });
}
