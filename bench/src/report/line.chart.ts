import { PALETTE, niceCeiling, round, svgDocument, text } from './svg.js';

/** A line chart of series over a shared x axis, with an optional shaded span and reference line. */
export interface LineChart {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  /** Each series' points; a series without a colour takes the next of `PALETTE`. */
  readonly series: ReadonlyArray<{ readonly label: string; readonly color?: string; readonly points: ReadonlyArray<readonly [number, number]> }>;
  /** A shaded span of x, e.g. an outage, with its caption. */
  readonly shade?: { readonly from: number; readonly to: number; readonly label: string };
  /** A dashed horizontal line, e.g. a capacity, with its caption. */
  readonly reference?: { readonly y: number; readonly label: string };
}

const WIDTH = 760;
const HEIGHT = 360;
const PLOT = { left: 64, right: WIDTH - 20, top: 84, bottom: HEIGHT - 52 } as const;

/** Axis lines, ticks and labels. */
function axes(chart: LineChart, range: { xMin: number; xMax: number; yMax: number }, x: (value: number) => number, y: (value: number) => number): string[] {
  const { xMin, xMax, yMax } = range;
  const out: string[] = [];
  for (const share of [0, 0.25, 0.5, 0.75, 1]) {
    const value = share * yMax;
    out.push(`<line x1="${PLOT.left}" y1="${round(y(value))}" x2="${PLOT.right}" y2="${round(y(value))}" stroke="#e3e3e3"/>`);
    out.push(text(PLOT.left - 6, y(value) + 4, Math.round(value).toLocaleString('en-US'), 'text-anchor="end" fill="#666" font-size="11"'));
  }
  const step = niceCeiling((xMax - xMin) / 10);
  for (let tick = Math.ceil(xMin / step) * step; tick <= xMax; tick += step) {
    out.push(`<line x1="${round(x(tick))}" y1="${PLOT.bottom}" x2="${round(x(tick))}" y2="${PLOT.bottom + 4}" stroke="#999"/>`);
    out.push(text(x(tick), PLOT.bottom + 16, String(Math.round(tick * 100) / 100), 'text-anchor="middle" fill="#666" font-size="11"'));
  }
  out.push(`<line x1="${PLOT.left}" y1="${PLOT.bottom}" x2="${PLOT.right}" y2="${PLOT.bottom}" stroke="#999"/>`);
  out.push(text((PLOT.left + PLOT.right) / 2, HEIGHT - 14, chart.xLabel, 'text-anchor="middle" fill="#444"'));
  out.push(text(PLOT.left - 48, PLOT.top - 14, chart.yLabel, 'fill="#444"'));
  return out;
}

/** The shaded span and the reference line, drawn under the series. */
function marks(chart: LineChart, x: (value: number) => number, y: (value: number) => number): string[] {
  const out: string[] = [];
  if (chart.shade) {
    const { from, to, label } = chart.shade;
    out.push(`<rect x="${round(x(from))}" y="${PLOT.top}" width="${round(x(to) - x(from))}" height="${PLOT.bottom - PLOT.top}" fill="#f3e1e1"/>`);
    out.push(text((x(from) + x(to)) / 2, PLOT.top + 14, label, 'text-anchor="middle" fill="#a33"'));
  }
  if (chart.reference) {
    const level = round(y(chart.reference.y));
    out.push(`<line x1="${PLOT.left}" y1="${level}" x2="${PLOT.right}" y2="${level}" stroke="#555" stroke-dasharray="5 4"/>`);
    out.push(text(PLOT.right - 4, level - 5, chart.reference.label, 'text-anchor="end" fill="#555"'));
  }
  return out;
}

/**
 * Draws a line chart as a standalone SVG document.
 *
 * @param chart title, axis labels, series and marks
 * @returns the SVG document
 * @example
 * lineChart({ title: 'Load', xLabel: 's', yLabel: 'req/s', series: [{ label: 'a', points: [[0, 1], [1, 2]] }] });
 */
export function lineChart(chart: LineChart): string {
  const xs = chart.series.flatMap((s) => s.points.map((p) => p[0]));
  const xMin = Math.min(...xs);
  const xMax = Math.max(...xs);
  const yMax = niceCeiling(Math.max(chart.reference?.y ?? 0, ...chart.series.flatMap((s) => s.points.map((p) => p[1]))));
  const x = (value: number): number => PLOT.left + ((value - xMin) / (xMax - xMin || 1)) * (PLOT.right - PLOT.left);
  const y = (value: number): number => PLOT.bottom - (value / yMax) * (PLOT.bottom - PLOT.top);
  const color = (i: number): string => chart.series[i].color ?? PALETTE[i % PALETTE.length];
  const lines = chart.series.map((s, i) => {
    const points = s.points.map(([px, py]) => `${round(x(px))},${round(y(py))}`).join(' ');
    return `<polyline points="${points}" fill="none" stroke="${color(i)}" stroke-width="1.8" stroke-linejoin="round"/>`;
  });
  let legendX = PLOT.left;
  const legend = chart.series.flatMap((s, i) => {
    const items = [`<rect x="${legendX}" y="38" width="12" height="12" fill="${color(i)}"/>`, text(legendX + 16, 48, s.label, 'fill="#333"')];
    legendX += 28 + s.label.length * 7;
    return items;
  });
  return svgDocument(WIDTH, HEIGHT, chart.title, [...marks(chart, x, y), ...axes(chart, { xMin, xMax, yMax }, x, y), ...lines, ...legend]);
}
