/**
 * `report/gallery.html`: every figure of a reproduction as a thumbnail with its title, the mode
 * and seed that made it, and links to its SVG, PDFs, PNG, Vega-Lite spec and CSV data.
 */
import { unicodeMath } from '../figures/labels.js';
import { CSS, escapeHtml, statusText } from './html.js';
import { runFacts, sectionFacts, type Section } from './sections.js';

function figureCard(s: Section, f: NonNullable<Section['data']>['figures'][number]): string {
  const href = (file: string): string => `../${escapeHtml(s.name)}/${escapeHtml(file)}`;
  const links = [
    `<a href="${href(f.svg)}">SVG</a>`,
    ...(f.pdf ? [`<a href="${href(f.pdf.column)}">PDF 3.5 in</a>`, `<a href="${href(f.pdf.page)}">PDF 7 in</a>`] : []),
    `<a href="${href(f.png)}">PNG</a>`,
    `<a href="${href(f.spec)}">spec</a>`,
    ...Object.values(s.data?.tables ?? {}).map((t) => `<a href="${href(t.file)}">${escapeHtml(t.file)}</a>`),
  ];
  return [
    `<figure id="${escapeHtml(`${s.name}-${f.name}`)}">`,
    `<a href="index.html#${escapeHtml(`${s.name}-${f.name}`)}"><img src="${href(f.svg)}" alt="${escapeHtml(unicodeMath(f.title))}" loading="eager"></a>`,
    `<figcaption><strong>${escapeHtml(unicodeMath(f.title))}</strong><br><span class="meta">${escapeHtml(s.data?.title ?? s.name)} · ${escapeHtml(sectionFacts(s))} · ${escapeHtml(statusText(s.status))}</span><br>${links.join(' · ')}</figcaption>`,
    `</figure>`,
  ].join('');
}

/**
 * The gallery page of a report.
 * @param sections - the report's sections.
 * @returns HTML text (opens from the file system; images are the SVG files beside the data).
 * @example
 * galleryHtml([]).includes('<h1>'); // → true
 */
export function galleryHtml(sections: readonly Section[]): string {
  const f = runFacts(sections);
  const cards = sections.flatMap((s) => (s.data?.figures ?? []).map((fig) => figureCard(s, fig)));
  return [
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<title>jcaco figure gallery</title><style>${CSS}</style></head><body>`,
    `<h1>Figure gallery</h1>`,
    `<p class="meta run">Mode: ${escapeHtml(f.modes.join(', ') || 'n/a')} · seed: ${escapeHtml(f.seeds.map((x) => x ?? 'not recorded').join(', ') || 'n/a')} · <a href="index.html">report</a> · <a href="figures.tex">figures.tex</a> · <a href="headline.tex">headline.tex</a> · <a href="headline.md">headline.md</a></p>`,
    ...(f.mixed
      ? [`<div class="note mixed">Mixed run: figures come from different modes or seeds (see each card).</div>`]
      : []),
    `<div class="gallery">${cards.join('\n')}</div>`,
    `</body></html>`,
    '',
  ].join('\n');
}
