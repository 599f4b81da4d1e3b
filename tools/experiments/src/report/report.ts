import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../data/fs.js';
import type { ExperimentData } from '../runner/manifest.js';

/** Escapes text for HTML. */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

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

const STATUS_TEXT: Record<string, string> = {
  ok: 'done',
  partial: 'partial',
  unavailable: 'not available',
  failed: 'failed',
};

function readData(outDir: string, name: string): ExperimentData | null {
  const p = join(outDir, name, 'data.json');
  if (!existsSync(p)) return null;
  try {
    return JSON.parse(readFileSync(p, 'utf8')) as ExperimentData;
  } catch {
    return null;
  }
}

const CSS = `
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222;line-height:1.45}
h1{font-size:1.6em;margin-bottom:.2em} h2{margin-top:2.2em;border-bottom:1px solid #ddd;padding-bottom:.2em}
.meta{color:#555;font-size:.9em} .claim{color:#444;font-style:italic}
table{border-collapse:collapse;margin:.8em 0;font-size:.92em} th,td{border:1px solid #ddd;padding:.3em .6em;text-align:left;vertical-align:top}
th{background:#f6f6f6} figure{margin:1em 0} figcaption{color:#555;font-size:.9em;max-width:900px}
.fig svg{max-width:100%;height:auto} .status{display:inline-block;padding:.05em .5em;border-radius:.7em;font-size:.8em;margin-left:.5em;vertical-align:middle}
.ok{background:#e3f4e3;color:#165b16} .partial{background:#fff3d6;color:#7a5300} .unavailable,.failed{background:#fde2e2;color:#8a1616}
.note{background:#fffbe8;border-left:4px solid #e8c547;padding:.4em .8em;margin:.5em 0} pre{white-space:pre-wrap;background:#f6f6f6;padding:.6em;font-size:.85em}
code{background:#f3f3f3;padding:0 .2em;border-radius:3px}`;

/**
 * Writes `report/index.html` (self-contained: CSS and SVG figures inline, opens from the file
 * system) and `report/README.md` from the experiments' `data.json` and figure files on disk, in
 * the given order; experiments with no data in the folder are skipped, so a run with `--only`
 * refreshes its experiments and keeps the others.
 * @param outDir - the reproduction folder.
 * @param names - experiment names in report order.
 * @returns the two paths.
 */
export function writeReport(outDir: string, names: readonly string[]): string[] {
  const data = names.map((n) => readData(outDir, n)).filter((d): d is ExperimentData => d !== null);
  const prov = data[0]?.provenance;
  const modes = [...new Set(data.map((d) => d.mode))];
  const when = new Date()
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' UTC');
  const provText = prov
    ? `jcaco ${prov.version} (commit ${prov.commit}${prov.gitHead ? `, git ${prov.gitHead.slice(0, 12)}${prov.gitDirty ? ' with uncommitted changes' : ''}` : ''}), Node ${prov.node}`
    : 'no experiment data';

  // ---- HTML ----
  const h: string[] = [];
  h.push(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">`,
  );
  h.push(`<title>jcaco reproduction report</title><style>${CSS}</style></head><body>`);
  h.push(`<h1>JCACO: reproduction of the paper's evaluation</h1>`);
  h.push(
    `<p class="meta">Mode: ${escapeHtml(modes.join(', ') || 'n/a')} · generated ${escapeHtml(when)} · ${escapeHtml(provText)}</p>`,
  );
  h.push(
    `<p>"Joint Communication and Computation Scheduling for MEC-enabled AIGC Services" (arXiv 2605.22277): each section below is one experiment of its evaluation, run on our model (docs/spec-model.md) with our parameters (the paper's are not public). Intervals are 95 % Student-t confidence intervals over independent replications (seeds). Data (CSV, JSON) and Vega-Lite specs sit beside each figure in the experiment's folder.</p>`,
  );
  h.push(`<h2>Headline numbers</h2><table><tr><th>Experiment</th><th>Quantity</th><th>Value</th></tr>`);
  for (const d of data) {
    if (d.headline.length === 0) {
      h.push(
        `<tr><td><a href="#${d.experiment}">${escapeHtml(d.title)}</a></td><td colspan="2">${escapeHtml(STATUS_TEXT[d.status] ?? d.status)}${d.error ? `: ${escapeHtml(d.error.split('\n')[0]!)}` : ''}</td></tr>`,
      );
    }
    d.headline.forEach((x, i) => {
      h.push(
        `<tr>${i === 0 ? `<td rowspan="${d.headline.length}"><a href="#${d.experiment}">${escapeHtml(d.title)}</a></td>` : ''}<td>${escapeHtml(x.label)}</td><td>${escapeHtml(x.value)}</td></tr>`,
      );
    });
  }
  h.push(`</table>`);
  for (const d of data) {
    h.push(
      `<h2 id="${d.experiment}">${escapeHtml(d.title)}<span class="status ${d.status}">${escapeHtml(STATUS_TEXT[d.status] ?? d.status)}</span></h2>`,
    );
    h.push(`<p class="claim">Paper: ${escapeHtml(d.claim)}</p>`);
    if (d.error)
      h.push(
        `<div class="note"><strong>${d.status === 'unavailable' ? 'Not run' : 'Failed'}:</strong><pre>${escapeHtml(d.error)}</pre></div>`,
      );
    for (const f of d.figures) {
      const svgPath = join(outDir, d.experiment, f.svg);
      const svg = existsSync(svgPath)
        ? prefixSvgIds(readFileSync(svgPath, 'utf8'), `${d.experiment}-${f.name}`)
        : `<p>(figure file ${escapeHtml(f.svg)} missing)</p>`;
      h.push(
        `<figure><div class="fig">${svg}</div><figcaption><strong>${escapeHtml(f.title)}.</strong> ${escapeHtml(f.caption)} <br>Files: <code>${escapeHtml(`${d.experiment}/${f.spec}`)}</code>, <code>${escapeHtml(`${d.experiment}/${f.png}`)}</code></figcaption></figure>`,
      );
    }
    if (d.reading) h.push(markdownToHtml(d.reading));
    if (d.headline.length) {
      h.push(
        `<table><tr><th>Quantity</th><th>Value</th></tr>${d.headline.map((x) => `<tr><td>${escapeHtml(x.label)}</td><td>${escapeHtml(x.value)}</td></tr>`).join('')}</table>`,
      );
    }
    for (const n of d.notes) h.push(`<div class="note">${inline(n)}</div>`);
    const tables = Object.values(d.tables);
    if (tables.length) {
      h.push(
        `<p class="meta">Data: ${tables.map((t) => `<code>${escapeHtml(`${d.experiment}/${t.file}`)}</code> (${escapeHtml(t.description)}${t.deterministic ? '' : '; wall-clock, varies run to run'})`).join('; ')}; <code>${escapeHtml(d.experiment)}/data.json</code> (all of it, with parameters, seeds and provenance).</p>`,
      );
    }
  }
  h.push(`</body></html>`);

  // ---- Markdown ----
  const m: string[] = [];
  m.push(`# JCACO: reproduction of the paper's evaluation`, '');
  m.push(`Mode: ${modes.join(', ') || 'n/a'} · generated ${when} · ${provText}`, '');
  m.push(
    `Each section is one experiment of the evaluation of arXiv 2605.22277, run on our model and parameters (the paper's are not public). Intervals are 95 % Student-t confidence intervals over independent replications. Data, Vega-Lite specs and figures are in each experiment's folder; \`index.html\` beside this file has the same content with the figures inline.`,
    '',
  );
  m.push(`## Headline numbers`, '', '| Experiment | Quantity | Value |', '|---|---|---|');
  for (const d of data) {
    if (d.headline.length === 0)
      m.push(
        `| ${d.title} | ${STATUS_TEXT[d.status] ?? d.status} | ${(d.error ?? '').split('\n')[0]!.replace(/\|/g, '\\|')} |`,
      );
    for (const x of d.headline) m.push(`| ${d.title} | ${x.label} | ${x.value} |`);
  }
  m.push('');
  for (const d of data) {
    m.push(`## ${d.title} (${STATUS_TEXT[d.status] ?? d.status})`, '', `*Paper:* ${d.claim}`, '');
    if (d.error) m.push(`> **${d.status === 'unavailable' ? 'Not run' : 'Failed'}:** ${d.error.split('\n')[0]}`, '');
    for (const f of d.figures)
      m.push(`![${f.title}](../${d.experiment}/${f.svg})`, '', `*${f.title}.* ${f.caption}`, '');
    if (d.reading) m.push(d.reading, '');
    if (d.headline.length) {
      m.push('| Quantity | Value |', '|---|---|');
      for (const x of d.headline) m.push(`| ${x.label} | ${x.value} |`);
      m.push('');
    }
    for (const n of d.notes) m.push(`> Note: ${n}`, '');
    const tables = Object.values(d.tables);
    if (tables.length)
      m.push(
        `Data: ${tables.map((t) => `[\`${t.file}\`](../${d.experiment}/${t.file})`).join(', ')}, [\`data.json\`](../${d.experiment}/data.json).`,
        '',
      );
  }
  const html = join(outDir, 'report', 'index.html');
  const md = join(outDir, 'report', 'README.md');
  writeFileAtomic(html, `${h.join('\n')}\n`);
  writeFileAtomic(md, `${m.join('\n')}\n`);
  return [html, md];
}
