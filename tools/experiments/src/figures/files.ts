/**
 * Writes every file of one figure beside its data: the Vega-Lite spec (restylable with the CSVs
 * next to it), SVG, PNG, and vector PDFs at one-column and two-column paper width.
 */
import { join } from 'node:path';
import type { Row } from '../data/csv.js';
import { toJson, writeFileAtomic } from '../data/fs.js';
import type { Figure } from '../experiments/types.js';
import { PAPER_WIDTHS, paperLayout, svgToPdf, type PaperWidth } from './pdf.js';
import { renderFigure, renderSvg, specForFiles, specWithValues } from './render.js';

/** A figure's entry in `data.json` (file names relative to the experiment's folder). */
export interface FigureEntry {
  name: string;
  title: string;
  caption: string;
  spec: string;
  svg: string;
  png: string;
  /** Vector PDFs, fonts embedded: `column` 3.5 in wide, `page` 7 in wide (absent in data.json written before PDFs). */
  pdf?: Record<PaperWidth, string>;
}

/**
 * Renders and writes a figure's files into an experiment's folder.
 * @param folder - the experiment's folder.
 * @param f - the figure (spec with named data).
 * @param tables - rows by table name.
 * @returns the entry for `data.json` and the absolute paths written.
 * @throws RangeError when the spec names a table that is not in `tables`.
 * @example
 * const { entry } = await writeFigureFiles('/tmp/x', figure, { summary: rows });
 * entry.pdf?.column; // → 'ues-3.5in.pdf'
 */
export async function writeFigureFiles(
  folder: string,
  f: Figure,
  tables: Readonly<Record<string, readonly Row[]>>,
): Promise<{ entry: FigureEntry; files: string[] }> {
  const pdf: Record<PaperWidth, string> = {
    column: `${f.name}-${PAPER_WIDTHS.column}in.pdf`,
    page: `${f.name}-${PAPER_WIDTHS.page}in.pdf`,
  };
  const entry: FigureEntry = {
    name: f.name,
    title: f.title,
    caption: f.caption,
    spec: `${f.name}.vl.json`,
    svg: `${f.name}.svg`,
    png: `${f.name}.png`,
    pdf,
  };
  writeFileAtomic(join(folder, entry.spec), toJson(specForFiles(f.spec)));
  const { svg, png } = await renderFigure(specWithValues(f.spec, tables));
  writeFileAtomic(join(folder, entry.svg), svg);
  writeFileAtomic(join(folder, entry.png), png);
  for (const w of Object.keys(PAPER_WIDTHS) as PaperWidth[]) {
    const laidOut = await renderSvg(specWithValues(paperLayout(f.spec, w), tables));
    writeFileAtomic(join(folder, pdf[w]), await svgToPdf(laidOut, PAPER_WIDTHS[w], f.title));
  }
  const files = [entry.spec, entry.svg, entry.png, pdf.column, pdf.page].map((n) => join(folder, n));
  return { entry, files };
}
