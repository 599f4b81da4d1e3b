import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../data/fs.js';
import { METHOD_STYLES, unicodeMath } from '../figures/labels.js';
import type { ExperimentData } from '../runner/manifest.js';
import { galleryHtml } from './gallery.js';
import { CSS, escapeHtml, statusText } from './html.js';
import { figuresTex, headlineLatex, headlineMarkdown } from './paper.js';
import { collectSections, runFacts, sectionFacts, type ManifestEntry, type Section } from './sections.js';

function inline(md: string): string {
  return escapeHtml(md)
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/\*([^*]+)\*/g, '<em>$1</em>');
}

/**
 * The small markdown subset the readings use (paragraphs, `- ` lists, `|` tables, bold, italics, code) as
 * HTML. No links, no raw HTML: everything else is escaped.
 */
export function markdownToHtml(md: string): string {
  const out: string[] = [];
  for (const block of md.trim().split(/\n\s*\n/)) {
    const lines = block.split('\n');
    if (lines.length >= 2 && lines.every((l) => /^\s*\|.*\|\s*$/.test(l))) {
      const cells = (l: string): string[] =>
        l
          .trim()
          .slice(1, -1)
          .split('|')
          .map((c) => c.trim());
      const body = lines.filter((l, k) => !(k === 1 && /^[\s|:-]+$/.test(l)));
      const [head, ...rows] = body;
      out.push(
        `<table><tr>${cells(head!)
          .map((c) => `<th>${inline(c)}</th>`)
          .join('')}</tr>${rows
          .map(
            (r) =>
              `<tr>${cells(r)
                .map((c) => `<td>${inline(c)}</td>`)
                .join('')}</tr>`,
          )
          .join('')}</table>`,
      );
    } else if (lines.every((l) => /^\s*- /.test(l))) {
      out.push(`<ul>${lines.map((l) => `<li>${inline(l.replace(/^\s*- /, ''))}</li>`).join('')}</ul>`);
    } else {
      out.push(`<p>${inline(lines.join(' '))}</p>`);
    }
  }
  return out.join('\n');
}

/**
 * Makes the ids of an SVG unique to one figure so that several inline SVGs in one page do not
 * share clip paths or gradients.
 */
export function prefixSvgIds(svg: string, prefix: string): string {
  return svg
    .replace(/<\?xml[^>]*\?>/, '')
    .replace(/\bid="([^"]+)"/g, `id="${prefix}-$1"`)
    .replace(/url\(#([^)]+)\)/g, `url(#${prefix}-$1)`)
    .replace(/xlink:href="#([^"]+)"/g, `xlink:href="#${prefix}-$1"`)
    .replace(/\bhref="#([^"]+)"/g, `href="#${prefix}-$1"`);
}

function when(): string {
  return new Date()
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' UTC');
}

function provText(sections: readonly Section[]): string {
  const prov = sections.find((s) => s.data)?.data?.provenance;
  return prov
    ? `jcaco ${prov.version} (commit ${prov.commit}${prov.gitHead ? `, git ${prov.gitHead.slice(0, 12)}${prov.gitDirty ? ' with uncommitted changes' : ''}` : ''}), Node ${prov.node}`
    : 'no experiment data';
}

/** Header text: the mode(s) and seed(s), and a warning when sections come from different runs. */
function runText(sections: readonly Section[]): { line: string; mixed: string | null } {
  const f = runFacts(sections);
  const seeds = f.seeds.map((x) => (x === null ? 'not recorded' : String(x)));
  const line = `Mode: ${f.modes.join(', ') || 'n/a'} · seed: ${seeds.join(', ') || 'n/a'}`;
  if (!f.mixed) return { line, mixed: null };
  const by = sections.map((s) => `${s.data?.title ?? s.name} (${s.mode}, seed ${s.seed ?? 'not recorded'})`);
  return {
    line,
    mixed: `Mixed run: the sections come from different modes or seeds (${by.join('; ')}). Compare numbers across sections only within one mode and seed.`,
  };
}

/** Notes for a section whose last run did not complete. */
function runWarning(s: Section): string | null {
  if (s.status === 'interrupted')
    return `The last run of this experiment was interrupted${s.data ? '; what is shown is from an earlier complete run' : ' before it wrote any data'}.`;
  if (s.run?.status === 'failed' && s.data?.status !== 'failed')
    return `The last run of this experiment failed${s.run.error ? `: ${s.run.error.split('\n')[0]!}` : ''}; what is shown is from an earlier run.`;
  return null;
}

function fileLinks(s: Section, f: ExperimentData['figures'][number]): string {
  const link = (file: string, text: string): string =>
    `<a href="../${escapeHtml(s.name)}/${escapeHtml(file)}">${escapeHtml(text)}</a>`;
  const csvs = Object.values(s.data?.tables ?? {}).map((t) => link(t.file, t.file));
  return [
    link(f.svg, 'SVG'),
    ...(f.pdf ? [link(f.pdf.column, 'PDF 3.5 in'), link(f.pdf.page, 'PDF 7 in')] : []),
    link(f.png, 'PNG'),
    link(f.spec, 'Vega-Lite spec'),
    ...csvs,
  ].join(' · ');
}

function methodKeyHtml(): string {
  const rows = METHOD_STYLES.map(
    (m) =>
      `<tr><td><span style="display:inline-block;width:1.6em;height:.8em;background:${m.color}"></span> <code>${m.color}</code></td><td>${escapeHtml(m.label)}</td><td>${escapeHtml(m.shape.startsWith('M') ? 'x' : m.shape)}</td><td>${m.dash.length ? `dashed ${m.dash.join('-')}` : 'solid'}</td></tr>`,
  );
  return `<details><summary>Method styles (the same in every figure)</summary><table><tr><th>Colour</th><th>Method</th><th>Marker</th><th>Line</th></tr>${rows.join('')}</table></details>`;
}

function headlineHtml(sections: readonly Section[]): string {
  const h: string[] = [`<h2>Headline numbers</h2><table><tr><th>Experiment</th><th>Quantity</th><th>Value</th></tr>`];
  for (const s of sections) {
    const d = s.data;
    const title = escapeHtml(d?.title ?? s.name);
    if (!d || d.headline.length === 0) {
      const err = d?.error ?? s.run?.error ?? '';
      h.push(
        `<tr><td><a href="#${s.name}">${title}</a></td><td colspan="2">${escapeHtml(statusText(s.status))}${err ? `: ${escapeHtml(err.split('\n')[0]!)}` : ''}</td></tr>`,
      );
      continue;
    }
    d.headline.forEach((x, i) => {
      h.push(
        `<tr>${i === 0 ? `<td rowspan="${d.headline.length}"><a href="#${s.name}">${title}</a></td>` : ''}<td>${escapeHtml(unicodeMath(x.label))}</td><td>${escapeHtml(x.value)}</td></tr>`,
      );
    });
  }
  h.push(`</table>`);
  return h.join('\n');
}

function sectionHtml(outDir: string, s: Section): string {
  const d = s.data;
  const h: string[] = [];
  h.push(
    `<h2 id="${s.name}">${escapeHtml(d?.title ?? s.name)}<span class="status ${escapeHtml(s.status)}">${escapeHtml(statusText(s.status))}</span></h2>`,
  );
  h.push(`<p class="meta run">${escapeHtml(sectionFacts(s))}</p>`);
  const warn = runWarning(s);
  if (warn) h.push(`<div class="note">${escapeHtml(warn)}</div>`);
  if (!d) return h.join('\n');
  h.push(`<p class="claim">Paper: ${escapeHtml(d.claim)}</p>`);
  if (d.error)
    h.push(
      `<div class="note"><strong>${d.status === 'unavailable' ? 'Not run' : 'Failed'}:</strong><pre>${escapeHtml(d.error)}</pre></div>`,
    );
  for (const f of d.figures) {
    const svgPath = join(outDir, s.name, f.svg);
    const svg = existsSync(svgPath)
      ? prefixSvgIds(readFileSync(svgPath, 'utf8'), `${s.name}-${f.name}`)
      : `<p>(figure file ${escapeHtml(f.svg)} missing)</p>`;
    h.push(
      `<figure id="${s.name}-${f.name}"><div class="fig">${svg}</div><figcaption><strong>${escapeHtml(unicodeMath(f.title))}.</strong> ${escapeHtml(unicodeMath(f.caption))} <br>Files: ${fileLinks(s, f)}</figcaption></figure>`,
    );
  }
  if (d.reading) h.push(markdownToHtml(unicodeMath(d.reading)));
  if (d.headline.length) {
    h.push(
      `<table><tr><th>Quantity</th><th>Value</th></tr>${d.headline.map((x) => `<tr><td>${escapeHtml(unicodeMath(x.label))}</td><td>${escapeHtml(x.value)}</td></tr>`).join('')}</table>`,
    );
  }
  for (const n of d.notes) h.push(`<div class="note">${inline(unicodeMath(n))}</div>`);
  const tables = Object.values(d.tables);
  if (tables.length) {
    h.push(
      `<p class="meta">Data: ${tables.map((t) => `<code>${escapeHtml(`${s.name}/${t.file}`)}</code> (${escapeHtml(t.description)}${t.deterministic ? '' : '; wall-clock, varies run to run'})`).join('; ')}; <code>${escapeHtml(s.name)}/data.json</code> (all of it, with parameters, seeds and provenance).</p>`,
    );
  }
  return h.join('\n');
}

function reportHtml(outDir: string, sections: readonly Section[]): string {
  const run = runText(sections);
  const h: string[] = [];
  h.push(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">`,
  );
  h.push(`<title>jcaco reproduction report</title><style>${CSS}</style></head><body>`);
  h.push(`<h1>JCACO: reproduction of the paper's evaluation</h1>`);
  h.push(
    `<p class="meta run">${escapeHtml(run.line)} · generated ${escapeHtml(when())} · ${escapeHtml(provText(sections))}</p>`,
  );
  if (run.mixed) h.push(`<div class="note mixed"><strong>${escapeHtml(run.mixed)}</strong></div>`);
  h.push(
    `<p>"Joint Communication and Computation Scheduling for MEC-enabled AIGC Services" (arXiv 2605.22277): each section below is one experiment of its evaluation, run on our model (docs/spec-model.md) with our parameters (the paper's are not public). Intervals are 95 % Student-t confidence intervals over independent replications (seeds), cut at the quantity's range. Data (CSV, JSON), Vega-Lite specs, PNGs and vector PDFs sit beside each figure in the experiment's folder; the <a href="gallery.html">figure gallery</a> lists them, and <code>report/figures.tex</code>, <code>report/headline.tex</code> and <code>report/headline.md</code> are ready for a paper.</p>`,
  );
  h.push(methodKeyHtml());
  h.push(headlineHtml(sections));
  for (const s of sections) h.push(sectionHtml(outDir, s));
  h.push(`</body></html>`);
  return `${h.join('\n')}\n`;
}

function sectionMarkdown(s: Section): string[] {
  const d = s.data;
  const m: string[] = [`## ${d?.title ?? s.name} (${statusText(s.status)})`, '', `*${sectionFacts(s)}*`, ''];
  const warn = runWarning(s);
  if (warn) m.push(`> **Note:** ${warn}`, '');
  if (!d) return m;
  m.push(`*Paper:* ${d.claim}`, '');
  if (d.error) m.push(`> **${d.status === 'unavailable' ? 'Not run' : 'Failed'}:** ${d.error.split('\n')[0]}`, '');
  for (const f of d.figures) {
    const pdfs = f.pdf ? ` PDF: [3.5 in](../${s.name}/${f.pdf.column}), [7 in](../${s.name}/${f.pdf.page}).` : '';
    m.push(
      `![${unicodeMath(f.title)}](../${s.name}/${f.svg})`,
      '',
      `*${unicodeMath(f.title)}.* ${unicodeMath(f.caption)}${pdfs}`,
      '',
    );
  }
  if (d.reading) m.push(unicodeMath(d.reading), '');
  if (d.headline.length) {
    m.push('| Quantity | Value |', '|---|---|');
    for (const x of d.headline) m.push(`| ${unicodeMath(x.label)} | ${x.value} |`);
    m.push('');
  }
  for (const n of d.notes) m.push(`> Note: ${unicodeMath(n)}`, '');
  const tables = Object.values(d.tables);
  if (tables.length)
    m.push(
      `Data: ${tables.map((t) => `[\`${t.file}\`](../${s.name}/${t.file})`).join(', ')}, [\`data.json\`](../${s.name}/data.json).`,
      '',
    );
  return m;
}

function reportMarkdown(sections: readonly Section[]): string {
  const run = runText(sections);
  const m: string[] = [`# JCACO: reproduction of the paper's evaluation`, ''];
  m.push(`${run.line} · generated ${when()} · ${provText(sections)}`, '');
  if (run.mixed) m.push(`> **${run.mixed}**`, '');
  m.push(
    `Each section is one experiment of the evaluation of arXiv 2605.22277, run on our model and parameters (the paper's are not public). Intervals are 95 % Student-t confidence intervals over independent replications, cut at the quantity's range. Data, Vega-Lite specs, figures and vector PDFs are in each experiment's folder; \`index.html\` beside this file has the same content with the figures inline, \`gallery.html\` lists every figure's files, \`figures.tex\` and \`headline.tex\` are ready for a paper.`,
    '',
  );
  m.push(`## Headline numbers`, '', headlineMarkdown(sections));
  for (const s of sections) m.push(...sectionMarkdown(s));
  return `${m.join('\n')}\n`;
}

/**
 * Writes the report of a reproduction folder: `report/index.html` (self-contained: CSS and SVG
 * figures inline, opens from the file system), `report/README.md`, `report/gallery.html` (every
 * figure with links to its SVG, PDFs, PNG, spec and CSVs), `report/headline.tex` (booktabs),
 * `report/headline.md` and `report/figures.tex`. The header and every section state the mode and
 * seed that made them; a report whose sections come from different modes or seeds says so, and a
 * section whose last run was interrupted or failed is marked. Experiments with neither data nor a
 * manifest entry are skipped, so a run with `--only` refreshes its experiments and keeps the others.
 * @param outDir - the reproduction folder.
 * @param names - experiment names in report order.
 * @param runs - the manifest's per-experiment entries (default: read from `manifest.json`).
 * @returns the paths written.
 * @example
 * writeReport('reproduction', ['convergence', 'ues']).map((p) => p.split('/').pop()); // → ['index.html', 'README.md', 'gallery.html', 'headline.tex', 'headline.md', 'figures.tex']
 */
export function writeReport(
  outDir: string,
  names: readonly string[],
  runs?: Readonly<Record<string, ManifestEntry>>,
): string[] {
  const sections = collectSections(outDir, names, runs);
  const dir = join(outDir, 'report');
  const files: Array<[string, string]> = [
    ['index.html', reportHtml(outDir, sections)],
    ['README.md', reportMarkdown(sections)],
    ['gallery.html', galleryHtml(sections)],
    ['headline.tex', headlineLatex(sections)],
    ['headline.md', headlineMarkdown(sections)],
    ['figures.tex', figuresTex(sections)],
  ];
  for (const [name, text] of files) writeFileAtomic(join(dir, name), text);
  return files.map(([name]) => join(dir, name));
}
