import type { SkippedStep, StepResult } from './step.types.js';

const HEADERS = ['#', 'Step', 'Expected', 'Observed', 'OK'] as const;

/**
 * Renders the summary table: one row per check that ran, then one per step skipped.
 *
 * @param results the checks that ran
 * @param skipped the steps that did not, with the reason
 * @returns the table's lines
 * @example
 * summaryTable([result('Recovery', 'CLOSED', 'CLOSED', true)], []).join('\n');
 */
export function summaryTable(results: readonly StepResult[], skipped: readonly SkippedStep[]): string[] {
  const rows = [
    ...results.map((row, i) => [String(i + 1), row.step, row.expected, row.observed, row.ok ? 'ok' : 'FAILED']),
    ...skipped.map((row, i) => [String(results.length + i + 1), row.step, '-', `skipped: ${row.reason}`, 'skipped']),
  ];
  const widths = HEADERS.map((header, column) => Math.max(header.length, ...rows.map((row) => row[column].length)));
  const line = (cells: readonly string[]): string => `| ${cells.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
  return [line(HEADERS), `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`, ...rows.map(line)];
}

/**
 * Says in one sentence how the run went, and so what the exit code is.
 *
 * @param results the checks that ran
 * @param skipped the steps that did not
 * @returns the verdict
 */
export function verdict(results: readonly StepResult[], skipped: readonly SkippedStep[]): string {
  const failed = results.filter((row) => !row.ok).length;
  const ran = `${results.length - failed} of ${results.length} checks behaved as claimed`;
  const skips = skipped.length === 0 ? '' : `; ${skipped.length} multi-replica step(s) skipped, as listed (install redis-server to run them), counted neither way`;
  return failed === 0 ? `PASSED: ${ran}${skips}. Exit code 0.` : `FAILED: ${ran}${skips}. Exit code 1.`;
}
