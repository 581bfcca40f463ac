import { provenance, targetsTable, type Section } from '../section.js';
import type { ResultFile } from '../../harness/result.file.js';

/**
 * Any suite without a dedicated section: its saved table, as it printed it, and its targets.
 *
 * @param result the saved result
 * @param atLeast targets that are lower bounds (the rest are upper bounds)
 * @returns the section, without charts
 */
export function genericSection(result: ResultFile, atLeast: readonly string[] = []): Section {
  const markdown = [`### ${result.suite}`, provenance(result), '```text\n' + result.table + '\n```', targetsTable(result.summary, atLeast)];
  return { markdown: markdown.filter((part) => part !== '').join('\n\n'), charts: [] };
}
