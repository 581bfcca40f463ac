import { PALETTE, niceCeiling, round, svgDocument, text } from './svg.js';

/** A horizontal bar chart: groups of bars, one bar per series in each group. */
export interface BarChart {
  readonly title: string;
  /** The unit of the axis, e.g. `ns per call`. */
  readonly unit: string;
  /** Series names, in legend and bar order; one series needs no legend. */
  readonly series: readonly string[];
  /** Each group's label and one value per series (`null`: no bar). */
  readonly groups: ReadonlyArray<{ readonly label: string; readonly values: ReadonlyArray<number | null> }>;
  /** How a value is written at the end of its bar. @default whole numbers with separators */
  readonly format?: (value: number) => string;
  /** The axis maximum. @default a nice number above the largest value */
  readonly max?: number;
  /** How the axis values are written. @default whole numbers with separators */
  readonly axisFormat?: (value: number) => string;
}

const WIDTH = 760;
const LABEL_WIDTH = 250;
const BAR_HEIGHT = 18;
const BAR_GAP = 4;
const GROUP_GAP = 14;
const PLOT_WIDTH = WIDTH - LABEL_WIDTH - 90;

const defaultFormat = (value: number): string => Math.round(value).toLocaleString('en-US');

/** The legend: one swatch and name per series, on one line under the title. */
function legend(series: readonly string[]): string[] {
  if (series.length < 2) return [];
  let x = LABEL_WIDTH;
  return series.flatMap((name, i) => {
    const items = [`<rect x="${x}" y="36" width="12" height="12" fill="${PALETTE[i % PALETTE.length]}"/>`, text(x + 16, 46, name, 'fill="#333"')];
    x += 28 + name.length * 7;
    return items;
  });
}

/** Vertical grid lines with their values, under the bars. */
function grid(max: number, top: number, bottom: number, chart: BarChart): string[] {
  const format = chart.axisFormat ?? defaultFormat;
  return [0, 0.25, 0.5, 0.75, 1].flatMap((share) => {
    const x = LABEL_WIDTH + share * PLOT_WIDTH;
    return [
      `<line x1="${round(x)}" y1="${top}" x2="${round(x)}" y2="${bottom}" stroke="#e3e3e3"/>`,
      text(x, bottom + 16, format(share * max), 'text-anchor="middle" fill="#666" font-size="11"'),
    ];
  }).concat(text(LABEL_WIDTH + PLOT_WIDTH / 2, bottom + 34, chart.unit, 'text-anchor="middle" fill="#444"'));
}

/**
 * Draws a horizontal bar chart as a standalone SVG document.
 *
 * @param chart title, unit, series and groups
 * @returns the SVG document
 * @example
 * barChart({ title: 'Overhead', unit: 'ns', series: ['a'], groups: [{ label: 'x', values: [3] }] });
 */
export function barChart(chart: BarChart): string {
  const format = chart.format ?? defaultFormat;
  const values = chart.groups.flatMap((group) => group.values.filter((value): value is number => value !== null));
  const max = chart.max ?? niceCeiling(Math.max(...values));
  const top = chart.series.length > 1 ? 62 : 44;
  const body: string[] = [];
  let y = top;
  for (const group of chart.groups) {
    const bars = group.values.length;
    const height = bars * BAR_HEIGHT + (bars - 1) * BAR_GAP;
    body.push(text(LABEL_WIDTH - 10, y + height / 2 + 4, group.label, 'text-anchor="end" fill="#222"'));
    group.values.forEach((value, i) => {
      const barY = y + i * (BAR_HEIGHT + BAR_GAP);
      if (value === null) return;
      const width = Math.max(1, (value / max) * PLOT_WIDTH);
      body.push(`<rect x="${LABEL_WIDTH}" y="${barY}" width="${round(width)}" height="${BAR_HEIGHT}" fill="${PALETTE[i % PALETTE.length]}"/>`);
      body.push(text(LABEL_WIDTH + width + 6, barY + BAR_HEIGHT - 5, format(value), 'fill="#222"'));
    });
    y += height + GROUP_GAP;
  }
  const bottom = y - GROUP_GAP + 6;
  return svgDocument(WIDTH, bottom + 44, chart.title, [...legend(chart.series), ...grid(max, top - 6, bottom, chart), ...body]);
}
