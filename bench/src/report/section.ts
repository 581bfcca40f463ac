import type { ResultFile } from '../harness/result.file.js';
import { markdownTable } from './markdown.js';

/** An SVG chart to write next to the page. */
export interface Chart {
  /** The file name under `docs/performance/`. */
  readonly file: string;
  /** The image's alternative text. */
  readonly alt: string;
  readonly svg: string;
}

/** One suite's part of the page: its markdown and the charts it links. */
export interface Section {
  readonly markdown: string;
  readonly charts: readonly Chart[];
}

/** Renders one suite's saved result. */
export type SectionWriter = (result: ResultFile) => Section;

/**
 * Says where and how a result was measured, from the result file itself.
 *
 * @param result the saved result
 * @returns one markdown line
 */
export function provenance(result: ResultFile): string {
  const { cpu, cores, node, platform, date, load_1m: load } = result.machine;
  // Older result files have no load figure.
  const busy = typeof load === 'number' ? ` (1-minute load ${load}${load > cores ? ': other work competed for the CPU' : ''})` : '';
  return `Measured ${date.slice(0, 16).replace('T', ' ')} UTC on ${cpu}, ${cores} cores${busy}, ${platform}, Node ${node}, with \`${result.command}\`.`;
}

/**
 * A markdown image linking a chart, relative to `docs/performance.md`.
 *
 * @param chart the chart
 * @returns the image line
 */
export function image(chart: Chart): string {
  return `![${chart.alt}](performance/${chart.file})`;
}

/**
 * The targets table: each target's value, goal and verdict.
 *
 * @param summary the suite's summary, with a `targets` object of upper bounds
 * @param atLeast targets that are lower bounds instead
 * @returns the markdown table, or nothing when the summary has no targets
 */
export function targetsTable(summary: Record<string, unknown>, atLeast: readonly string[] = []): string {
  const targets = summary.targets as Record<string, number> | undefined;
  if (targets === undefined) return '';
  const rows = Object.entries(targets).map(([key, goal]) => {
    const value = summary[key] as number | null | undefined;
    const lower = atLeast.includes(key);
    const met = typeof value === 'number' && (lower ? value >= goal : value <= goal);
    return [`\`${key}\``, String(value ?? 'none'), `${lower ? '>=' : '<='} ${goal}`, met ? 'met' : '**missed**'];
  });
  return markdownTable(['target', 'value:', 'goal:', 'verdict'], rows);
}

/**
 * Formats a number with thousands separators, or a dash for a missing one.
 *
 * @param value the number
 * @param digits decimals to keep
 * @default digits 0
 * @returns the text
 */
export function num(value: number | null | undefined, digits = 0): string {
  if (typeof value !== 'number') return '-';
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}
