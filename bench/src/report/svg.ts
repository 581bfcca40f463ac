/** Series colours, colour-blind safe (Okabe–Ito), Bulwark first. */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00'] as const;

/** The font every chart uses. */
export const FONT = 'font-family="system-ui, -apple-system, Segoe UI, Helvetica, Arial, sans-serif"';

/**
 * Escapes text for an SVG text node or attribute.
 *
 * @param text any text
 * @returns the text with `& < > "` escaped
 * @example
 * escapeXml('a < b'); // 'a &lt; b'
 */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * A `<text>` element.
 *
 * @param x left (or anchor) position
 * @param y baseline
 * @param content the text, escaped here
 * @param attributes extra attributes, e.g. `text-anchor="end"`
 * @returns the element
 */
export function text(x: number, y: number, content: string, attributes = ''): string {
  return `<text x="${round(x)}" y="${round(y)}" ${attributes}>${escapeXml(content)}</text>`;
}

/**
 * Wraps chart elements into a standalone SVG document with a white background and a title.
 *
 * @param width the width in pixels
 * @param height the height in pixels
 * @param title shown on top and as the accessible name
 * @param body the chart's elements
 * @returns the document
 */
export function svgDocument(width: number, height: number, title: string, body: readonly string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(title)}" ${FONT} font-size="12">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    text(16, 24, title, 'font-size="15" font-weight="600" fill="#222"'),
    ...body,
    '</svg>',
    '',
  ].join('\n');
}

/**
 * The smallest "nice" number (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten) at or above `value`, for an axis end.
 *
 * @param value the largest value to show
 * @returns the axis maximum
 * @example
 * niceCeiling(734); // 800
 */
export function niceCeiling(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

/**
 * Rounds a coordinate to one decimal, so the SVG stays small and diffs stay stable.
 *
 * @param value a coordinate
 * @returns the rounded coordinate
 */
export function round(value: number): number {
  return Math.round(value * 10) / 10;
}
