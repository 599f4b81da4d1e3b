/**
 * Test helpers: what a reader of a figure relies on, read from the files a reproduction writes —
 * the drawn legend of an SVG (swatch colour, dash, marker, opacity, label), the series lines it
 * stands for, its text nodes; and the structure of a PDF (pages, fonts embedded).
 */
import { PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef } from 'pdf-lib';

/** One legend entry as drawn. */
export interface LegendSwatch {
  label: string;
  color: string;
  dash: string;
  /** The marker's path, or '' for none. */
  marker: string;
  opacity: number;
}

function attr(tag: string, name: string): string | undefined {
  return new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
}

/** The first element inside the mark group whose class contains `cls`. */
function markIn(svg: string, cls: string): string | undefined {
  const i = svg.indexOf(cls);
  if (i < 0) return undefined;
  return /<(line|path|text)\s[^>]*>(?:[^<]*<\/text>)?/.exec(svg.slice(i))?.[0];
}

/**
 * The entries of the legend that charts.ts draws (`legend_swatch_line_k` / `_marker_k` / `legend_label_k`).
 * @param svg - a figure's SVG.
 * @returns the entries in order (empty when the figure has no drawn legend).
 */
export function legendSwatches(svg: string): LegendSwatch[] {
  const out: LegendSwatch[] = [];
  for (const m of svg.matchAll(/legend_swatch_line_(\d+)_marks/g)) {
    const k = m[1]!;
    const line = markIn(svg, `legend_swatch_line_${k}_marks`)!;
    const marker = markIn(svg, `legend_swatch_marker_${k}_marks`);
    const label = markIn(svg, `legend_label_${k}_marks`);
    out.push({
      label: label ? (/>([^<]*)<\/text>/.exec(label)?.[1] ?? '') : '',
      color: (attr(line, 'stroke') ?? '').toUpperCase(),
      dash: attr(line, 'stroke-dasharray') ?? '',
      marker: marker ? (attr(marker, 'd') ?? '') : '',
      opacity: Number(attr(line, 'opacity') ?? attr(line, 'stroke-opacity') ?? 1),
    });
  }
  return out;
}

/** A series line of the plot: its stroke colour, dash and opacity. */
export interface SeriesLine {
  color: string;
  dash: string;
  opacity: number;
}

/**
 * The lines of the plot area (vega's line marks), one per series and panel.
 * @param svg - a figure's SVG.
 * @returns the lines.
 */
export function seriesLines(svg: string): SeriesLine[] {
  const out: SeriesLine[] = [];
  for (const g of svg.matchAll(/<g class="mark-line role-mark[^"]*"[^>]*>((?:<path[^>]*\/>)*)<\/g>/g)) {
    for (const p of g[1]!.matchAll(/<path[^>]*\/>/g)) {
      const opacity = Number(attr(p[0], 'stroke-opacity') ?? attr(p[0], 'opacity') ?? 1);
      out.push({
        color: (attr(p[0], 'stroke') ?? '').toUpperCase(),
        dash: attr(p[0], 'stroke-dasharray') ?? '',
        opacity,
      });
    }
  }
  return out;
}

/**
 * The text of every text node of an SVG, entities decoded.
 * @param svg - an SVG.
 * @returns the texts.
 */
export function textNodes(svg: string): string[] {
  return [...svg.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].map((m) =>
    m[1]!
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&'),
  );
}

/** TeX source that must not reach a reader: `^`, `_{`, or a letter subscript such as `E_p` / `T_i`. */
export const TEX_SYNTAX = /\^|_\{|[A-Za-z]_[A-Za-z0-9]\b/;

/**
 * The problems of a figure's legend against the laws a reader relies on: every swatch at the
 * opacity of its series' line, in a colour some line has, no two entries drawn alike, and at least
 * three distinct marker/dash styles when there are five or more entries.
 * @param svg - a figure's SVG.
 * @returns problems (empty: the legend holds).
 */
export function legendProblems(svg: string): string[] {
  const swatches = legendSwatches(svg);
  const lines = seriesLines(svg);
  const problems: string[] = [];
  for (const s of swatches) {
    const mine = lines.filter((l) => l.color === s.color && (s.dash === '' || l.dash === s.dash));
    if (mine.length === 0 && s.color !== '#555555') problems.push(`${s.label}: no line drawn in ${s.color}`);
    for (const l of mine)
      if (Math.abs(l.opacity - s.opacity) > 1e-9)
        problems.push(`${s.label}: swatch opacity ${s.opacity}, line opacity ${l.opacity}`);
  }
  const looks = swatches.map((s) => `${s.color}|${s.dash}|${s.marker}`);
  if (new Set(looks).size !== looks.length) problems.push('two legend entries are drawn alike');
  if (swatches.length >= 5) {
    const styles = new Set(swatches.map((s) => `${s.dash}|${s.marker}`));
    if (styles.size < 3) problems.push(`${swatches.length} entries but only ${styles.size} marker/dash styles`);
  }
  return problems;
}

/** What a PDF holds, as a LaTeX user needs it. */
export interface PdfFacts {
  pages: number;
  /** Page size in points. */
  width: number;
  height: number;
  /** Font dictionaries found. */
  fonts: number;
  /** Fonts whose descriptor has an embedded font program (FontFile, FontFile2 or FontFile3). */
  embedded: number;
}

function descriptorOf(doc: PDFDocument, font: PDFDict): PDFDict | undefined {
  const direct = font.lookup(PDFName.of('FontDescriptor'));
  if (direct instanceof PDFDict) return direct;
  const desc = font.lookup(PDFName.of('DescendantFonts'));
  const first = desc && 'get' in desc ? (desc as unknown as { get(i: number): unknown }).get(0) : undefined;
  const child = first instanceof PDFRef ? doc.context.lookup(first) : first;
  if (!(child instanceof PDFDict)) return undefined;
  const d = child.lookup(PDFName.of('FontDescriptor'));
  return d instanceof PDFDict ? d : undefined;
}

/**
 * Parses a PDF with pdf-lib and reports its pages, size and fonts.
 * @param bytes - the file.
 * @returns the facts.
 * @throws Error when pdf-lib cannot parse it.
 */
export async function pdfFacts(bytes: Uint8Array): Promise<PdfFacts> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const page = doc.getPage(0);
  let fonts = 0;
  let embedded = 0;
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    if (obj instanceof PDFRawStream || !(obj instanceof PDFDict)) continue;
    if (obj.lookup(PDFName.of('Type')) !== PDFName.of('Font')) continue;
    if (obj.lookup(PDFName.of('Subtype')) === PDFName.of('CIDFontType2')) continue; // counted via its Type0 parent
    fonts++;
    const d = descriptorOf(doc, obj);
    if (d && ['FontFile', 'FontFile2', 'FontFile3'].some((k) => d.lookup(PDFName.of(k)) !== undefined)) embedded++;
  }
  return { pages: doc.getPageCount(), width: page.getWidth(), height: page.getHeight(), fonts, embedded };
}
