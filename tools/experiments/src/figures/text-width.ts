/**
 * Text widths measured with the fonts the figures are drawn in (DejaVu Sans from the
 * `dejavu-fonts-ttf` package), for vega's layout: without a canvas vega guesses 0.8 em per
 * character, which leaves wide blank strips beside long legend labels and axis titles.
 */
import { join } from 'node:path';
import { openSync, type Font } from 'fontkit';
import { fontDir } from './pdf.js';

let fonts: { regular: Font; bold: Font } | undefined;

/**
 * The advance width of a line of text in DejaVu Sans.
 * @param text - one line.
 * @param size - font size in px.
 * @param bold - DejaVu Sans Bold instead of Book.
 * @returns the width in px.
 * @example
 * textWidth('', 11, false); // → 0
 */
export function textWidth(text: string, size: number, bold: boolean): number {
  fonts ??= {
    regular: openSync(join(fontDir(), 'DejaVuSans.ttf')) as Font,
    bold: openSync(join(fontDir(), 'DejaVuSans-Bold.ttf')) as Font,
  };
  const f = bold ? fonts.bold : fonts.regular;
  return (f.layout(text).advanceWidth / f.unitsPerEm) * size;
}

/** A vega text item, as far as its width depends on it. */
interface TextItem {
  text?: unknown;
  fontSize?: number | string;
  fontWeight?: number | string;
}

/**
 * vega's `textMetrics.width` with measured widths (vega calls it per line of a text mark).
 * @param item - the text mark's item.
 * @param text - the line (default the item's text).
 * @returns the width in px.
 * @example
 * vegaTextWidth({ fontSize: 11 }, 'MASL') > 20; // → true
 */
export function vegaTextWidth(item: TextItem, text?: unknown): number {
  const line = String(text ?? item.text ?? '').trim();
  const size = item.fontSize != null ? Number(item.fontSize) || 0 : 11;
  const w = item.fontWeight;
  const bold = w === 'bold' || w === 'bolder' || (typeof w === 'number' && w >= 600) || Number(w) >= 600;
  return textWidth(line, size, bold);
}
