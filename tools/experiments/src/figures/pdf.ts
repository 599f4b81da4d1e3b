/**
 * Vector PDFs of the figures for a LaTeX paper: the SVG drawn into a one-page PDF by pdfkit +
 * svg-to-pdfkit, with DejaVu Sans (from the `dejavu-fonts-ttf` package, so the result does not
 * depend on the machine's fonts) embedded as a subset, at one-column (3.5 in) or two-column (7 in)
 * width; and the layout of a figure's spec for those widths.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import type { VlSpec } from './charts.js';

/** The widths a paper takes figures at, in inches: one column and the full text width of two. */
export const PAPER_WIDTHS = { column: 3.5, page: 7 } as const;

/** A paper width of {@link PAPER_WIDTHS}. */
export type PaperWidth = keyof typeof PAPER_WIDTHS;

const require = createRequire(import.meta.url);

/**
 * The folder of the DejaVu TTF files shipped by the `dejavu-fonts-ttf` package.
 * @returns an absolute path.
 * @example
 * fontDir().endsWith('ttf'); // → true
 */
export function fontDir(): string {
  return join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
}

/** Fixed so that the same figure gives the same PDF bytes. */
const EPOCH = new Date(Date.UTC(2026, 0, 1));

/**
 * Draws an SVG into a one-page PDF of the given width (height by the SVG's aspect ratio), text in
 * embedded DejaVu Sans (bold where the SVG asks for it).
 * @param svg - SVG text with `width` and `height` attributes (as vega writes it).
 * @param widthIn - page width in inches (e.g. 3.5 or 7).
 * @param title - the PDF's title metadata.
 * @returns the PDF bytes.
 * @throws RangeError when the SVG has no positive size or the width is not positive.
 * @example
 * const pdf = await svgToPdf('<svg width="100" height="50" xmlns="http://www.w3.org/2000/svg"/>', 3.5, 'x');
 * new TextDecoder().decode(pdf.subarray(0, 5)); // → '%PDF-'
 */
export function svgToPdf(svg: string, widthIn: number, title: string): Promise<Uint8Array> {
  const w = Number(/<svg[^>]*\swidth="([\d.]+)"/.exec(svg)?.[1]);
  const h = Number(/<svg[^>]*\sheight="([\d.]+)"/.exec(svg)?.[1]);
  if (!(w > 0) || !(h > 0)) throw new RangeError('svgToPdf: expected an SVG with positive width and height attributes');
  if (!(widthIn > 0)) throw new RangeError(`svgToPdf: expected a positive width in inches, got ${widthIn}`);
  const pageW = widthIn * 72;
  const pageH = (pageW * h) / w;
  const doc = new PDFDocument({
    size: [pageW, pageH],
    margin: 0,
    autoFirstPage: true,
    info: { Title: title, Creator: 'jcaco', Producer: 'pdfkit', CreationDate: EPOCH, ModDate: EPOCH },
  });
  const dir = fontDir();
  doc.registerFont('Sans', join(dir, 'DejaVuSans.ttf'));
  doc.registerFont('Sans-Bold', join(dir, 'DejaVuSans-Bold.ttf'));
  const chunks: Uint8Array[] = [];
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('data', (c: Uint8Array) => chunks.push(c));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
  });
  // A solid line is the dash [1, 0] in vega; pdfkit rejects a zero gap, and no dash is the same thing.
  SVGtoPDF(doc, svg.replace(/\sstroke-dasharray="1,0"/g, ''), 0, 0, {
    width: pageW,
    height: pageH,
    preserveAspectRatio: 'xMidYMid meet',
    fontCallback: (_family: string, bold: boolean) => (bold ? 'Sans-Bold' : 'Sans'),
  });
  doc.end();
  return done;
}

/** Panel size at a paper width, so that 11 px text lands near 8 pt on the page. */
function panelSize(width: PaperWidth, panels: number): { width: number; height: number } {
  if (width === 'column') return { width: 300, height: 170 };
  return { width: panels <= 1 ? 420 : panels === 2 ? 270 : 200, height: 180 };
}

function resize(spec: VlSpec, size: { width: number; height: number }): VlSpec {
  if (spec.name === 'legend' || typeof spec.width !== 'number') return spec;
  return { ...spec, width: size.width, height: size.height };
}

/**
 * A figure's spec laid out for a paper width: at one column the panels stack and the legend goes
 * below them; at the page width they stay side by side at a size that keeps the text legible. A
 * spec of another shape (e.g. a facet) is left as it is.
 * @param spec - a spec from the experiments (an `hconcat` of panels and a legend, or one chart).
 * @param width - `column` or `page`.
 * @returns the spec to render for that width.
 * @example
 * (paperLayout({ hconcat: [{ width: 400, layer: [] }, { name: 'legend', layer: [] }] }, 'column').vconcat as unknown[]).length; // → 2
 */
export function paperLayout(spec: VlSpec, width: PaperWidth): VlSpec {
  if (!Array.isArray(spec.hconcat)) return resize(spec, panelSize(width, 1));
  const all = spec.hconcat as VlSpec[];
  const size = panelSize(width, all.filter((s) => s.name !== 'legend').length);
  const members = all.map((s) => resize(s, size));
  if (width === 'page') return { ...spec, hconcat: members };
  const stacked: VlSpec = { ...spec, vconcat: members };
  delete stacked.hconcat;
  return stacked;
}
