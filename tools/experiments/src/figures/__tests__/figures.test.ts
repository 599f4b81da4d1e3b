import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import PDFKitDocument from 'pdfkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../__tests__/temp-dir.js';
import { CHROMIUM, checkPage, withChromium } from '../../report/browser.js';
import { xmlRoot } from '../../__tests__/wellformed.js';
import { EXPERIMENT_NAMES } from '../../experiments/registry.js';
import { runReproduction } from '../../runner/reproduce.js';
import type { ExperimentData } from '../../runner/manifest.js';
import { legendFor, lineBand, withLegend } from '../charts.js';
import { axisTitle, latexText, METHOD_STYLES, seriesStyles, unicodeMath } from '../labels.js';
import { paperLayout, svgToPdf } from '../pdf.js';
import { renderSvg, specWithValues } from '../render.js';
import { textWidth, vegaTextWidth } from '../text-width.js';
import { legendProblems, legendSwatches, pdfFacts, seriesLines, TEX_SYNTAX, textNodes } from './figure-checks.js';

/** Every figure of one reduced-grid reproduction (mode `tiny`), checked as a reader would use it. */
const root = tempDir('jcaco-figures-');
const figures: Array<{ experiment: string; f: ExperimentData['figures'][number] }> = [];

beforeAll(async () => {
  await runReproduction({ mode: 'tiny', outDir: root, workers: 2, seed: 5 });
  for (const name of EXPERIMENT_NAMES) {
    const d = JSON.parse(readFileSync(join(root, name, 'data.json'), 'utf8')) as ExperimentData;
    for (const f of d.figures) figures.push({ experiment: name, f });
  }
}, 600_000);

const svgOf = (x: (typeof figures)[number]): string => readFileSync(join(root, x.experiment, x.f.svg), 'utf8');

/** A small chart of five methods in their styles, for the negative controls. */
async function fiveMethodSvg(): Promise<string> {
  const domain = METHOD_STYLES.slice(0, 5).map((m) => m.label);
  const rows = domain.flatMap((label, k) =>
    [1, 2, 3].map((x) => ({ x, label, mean: x + k, ciLow: x + k - 2, ciHigh: x + k + 0.5 })),
  );
  const opts = {
    table: 't',
    x: { field: 'x', title: 'x' },
    y: { field: 'mean', title: axisTitle('meanTime') },
    series: { field: 'label', title: 'Method', domain },
  };
  return renderSvg(specWithValues(withLegend(lineBand(opts), legendFor(opts)), { t: rows }));
}

describe('the figures of a reproduction (SVG)', () => {
  it('has figures to check', () => {
    expect(figures.length).toBeGreaterThanOrEqual(15);
  });

  it('every legend swatch is drawn at the opacity of its series line, and entries are told apart by marker and dash', () => {
    let legends = 0;
    for (const x of figures) {
      const svg = svgOf(x);
      expect(legendProblems(svg), `${x.experiment}/${x.f.svg}`).toEqual([]);
      const swatches = legendSwatches(svg);
      if (swatches.length >= 5) legends++;
      for (const s of swatches) expect(s.opacity, `${x.f.svg}: ${s.label}`).toBe(1);
    }
    expect(legends).toBeGreaterThanOrEqual(4); // the method comparisons: 5 or more methods each
  });

  it('the same method has the same colour, marker and dash in every figure', () => {
    const seen = new Map<string, string>();
    for (const x of figures) {
      for (const s of legendSwatches(svgOf(x))) {
        if (!METHOD_STYLES.some((m) => m.label === s.label)) continue;
        const look = `${s.color}|${s.dash}|${s.marker}`;
        expect(seen.get(s.label) ?? look, `${x.f.svg}: ${s.label}`).toBe(look);
        seen.set(s.label, look);
      }
    }
    expect(seen.size).toBeGreaterThanOrEqual(5);
  });

  it('no text node carries TeX source (^, _{, E_p)', () => {
    let texts = 0;
    for (const x of figures) {
      for (const t of textNodes(svgOf(x))) {
        expect(t, `${x.f.svg}`).not.toMatch(TEX_SYNTAX);
        texts++;
      }
    }
    expect(texts).toBeGreaterThan(500);
  });

  it('every confidence band of a non-negative quantity stays at or above the axis zero', () => {
    // The band's lower edge is clamped in the spec: no y channel may draw a raw ciLow.
    const rawLows = (node: unknown): number => {
      if (Array.isArray(node)) return node.reduce((n: number, v) => n + rawLows(v), 0);
      if (!node || typeof node !== 'object') return 0;
      const o = node as Record<string, unknown>;
      const y = o.y as { field?: unknown } | undefined;
      const own = y && typeof y === 'object' && y.field === 'ciLow' ? 1 : 0;
      return own + Object.values(o).reduce((n: number, v) => n + rawLows(v), 0);
    };
    let clamped = 0;
    for (const x of figures) {
      const spec = readFileSync(join(root, x.experiment, x.f.spec), 'utf8');
      expect(rawLows(JSON.parse(spec)), x.f.spec).toBe(0);
      if (spec.includes('_bandLow')) clamped++;
    }
    expect(clamped).toBeGreaterThanOrEqual(12);
    // Negative control: the walk finds a raw interval.
    expect(rawLows({ layer: [{ encoding: { y: { field: 'ciLow' } } }] })).toBe(1);
  });

  it("a series given without its values falls back to vega's legend, at full opacity and with markers", async () => {
    const rows = ['a', 'b'].flatMap((label, k) =>
      [1, 2].map((x) => ({ x, label, mean: x + k, ciLow: x, ciHigh: x + 1 })),
    );
    const opts = {
      table: 't',
      x: { field: 'x', title: 'x' },
      y: { field: 'mean', title: 'y' },
      series: { field: 'label', title: 'Setting' },
    };
    expect(legendFor(opts)).toEqual([]);
    const svg = await renderSvg(specWithValues(withLegend(lineBand(opts), legendFor(opts)), { t: rows }));
    const symbols = [...svg.matchAll(/role-legend-symbol[^>]*>((?:<path[^>]*\/>)+)/g)].flatMap((m) =>
      [...m[1]!.matchAll(/opacity="([\d.]+)"/g)].map((o) => Number(o[1])),
    );
    expect(symbols.length).toBeGreaterThanOrEqual(2);
    for (const o of symbols) expect(o).toBe(1);
  });

  it('negative controls: a faded swatch, look-alike entries, too few styles and TeX text are caught', async () => {
    const good = await fiveMethodSvg();
    expect(legendProblems(good)).toEqual([]);
    expect(seriesLines(good).length).toBe(5);
    // The old look: swatches at the band's opacity.
    const faded = good.replace(/(legend_swatch_line_\d+_marks"[^>]*><line[^>]*opacity=")1"/g, '$10.3"');
    expect(legendProblems(faded).some((p) => /swatch opacity 0.3/.test(p))).toBe(true);
    // Colour only: every entry solid, no marker.
    const colourOnly = good
      .replace(/stroke-dasharray="[^"]*"/g, 'stroke-dasharray="1,0"')
      .replace(/(legend_swatch_marker_\d+_marks"[^>]*><path[^>]*) d="[^"]*"/g, '$1 d="M0,0"');
    expect(legendProblems(colourOnly).some((p) => /only 1 marker\/dash styles/.test(p))).toBe(true);
    const tex = textNodes('<svg><text>p_{i,a}</text><text>A^min</text><text>E_p[Φ]</text></svg>');
    expect(tex.map((t) => TEX_SYNTAX.test(t))).toEqual([true, true, true]);
    expect(TEX_SYNTAX.test(unicodeMath('MASL: E_p[Φ] at A^min = 0.5, p_{i,a}, T_i^max'))).toBe(false);
  });
});

describe('the figures of a reproduction (PDF)', () => {
  it('every figure has a one-page PDF at 3.5 in and at 7 in with every font embedded', async () => {
    for (const x of figures) {
      expect(x.f.pdf, x.f.name).toBeDefined();
      for (const [file, width] of [
        [x.f.pdf!.column, 3.5 * 72],
        [x.f.pdf!.page, 7 * 72],
      ] as const) {
        const facts = await pdfFacts(readFileSync(join(root, x.experiment, file)));
        expect(facts.pages, file).toBe(1);
        expect(Math.abs(facts.width - width), file).toBeLessThan(0.01);
        expect(facts.height, file).toBeGreaterThan(0);
        expect(facts.fonts, file).toBeGreaterThan(0);
        expect(facts.embedded, file).toBe(facts.fonts);
      }
    }
  });

  it('negative control: a PDF in a standard (not embedded) font is caught', async () => {
    const doc = new PDFKitDocument({ size: [100, 100] });
    const chunks: Buffer[] = [];
    const done = new Promise<Uint8Array>((ok) => doc.on('end', () => ok(new Uint8Array(Buffer.concat(chunks)))));
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.font('Helvetica').text('Φ', 10, 10);
    doc.end();
    const facts = await pdfFacts(await done);
    expect(facts.fonts).toBeGreaterThan(0);
    expect(facts.embedded).toBe(0);
  });

  it('gives the same bytes for the same figure (no timestamps)', async () => {
    const svg = await fiveMethodSvg();
    const [a, b] = await Promise.all([svgToPdf(svg, 3.5, 't'), svgToPdf(svg, 3.5, 't')]);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const c = await svgToPdf(svg, 7, 't');
    expect(Buffer.from(c).equals(Buffer.from(a))).toBe(false);
  });

  it('paperLayout stacks panels and legend at one column and keeps them side by side at the page width', () => {
    const spec = {
      hconcat: [
        { width: 400, height: 300, layer: [] },
        { name: 'legend', width: 90, layer: [] },
      ],
    };
    const col = paperLayout(spec, 'column');
    expect(col.hconcat).toBeUndefined();
    expect(col.vconcat).toEqual([
      { width: 300, height: 170, layer: [] },
      { name: 'legend', width: 90, layer: [] },
    ]);
    expect(paperLayout(spec, 'page').hconcat).toHaveLength(2);
  });
});

describe('labels', () => {
  it('every method has its own colour, marker and dash', () => {
    for (const k of ['color', 'shape', 'dash'] as const) {
      const vals = METHOD_STYLES.map((m) => JSON.stringify(m[k]));
      expect(new Set(vals).size, k).toBe(vals.length);
    }
  });

  it('seriesStyles gives methods their own style and other series distinct generic ones', () => {
    const s = seriesStyles(['Setting A', 'MASL', 'Setting B']);
    expect(s[1]).toEqual({ color: '#D55E00', shape: 'circle', dash: [] });
    expect(s[0]).not.toEqual(s[2]);
  });

  it('latexText escapes LaTeX specials and writes Unicode math as inline math', () => {
    expect(latexText('Φ ≥ 5 % & a_b')).toBe('$\\Phi$ $\\geq$ 5 \\% \\& a\\_b');
    expect(latexText('Aᵐⁱⁿ = 0.5, 𝔼ₚ[Φ]')).toBe('A$^{\\min}$ = 0.5, $\\mathbb{E}_p$[$\\Phi$]');
  });

  it("measures text in the figures' font: narrow letters take less room than wide ones, bold more than book", () => {
    const narrow = textWidth('iiiiiiii', 11, false);
    const wide = textWidth('WWWWWWWW', 11, false);
    expect(wide / narrow).toBeGreaterThan(2.5); // vega's own guess (0.8 em a character) gives 1: the negative control
    expect(textWidth('MASL', 11, true)).toBeGreaterThan(textWidth('MASL', 11, false));
    expect(vegaTextWidth({ fontSize: 22 }, 'MASL')).toBeCloseTo(2 * vegaTextWidth({ fontSize: 11 }, 'MASL'), 9);
    expect(vegaTextWidth({ text: 'MASL', fontWeight: 'bold' })).toBeCloseTo(textWidth('MASL', 11, true), 9);
  });

  it('every SVG parses as XML', () => {
    for (const x of figures) expect(xmlRoot(svgOf(x))).toBe('svg');
  });
});

describe('the report of a reproduction', () => {
  it('states the mode and seed in the header and in every section', () => {
    const html = readFileSync(join(root, 'report', 'index.html'), 'utf8');
    const runLines = [...html.matchAll(/<p class="meta run">([^<]*)<\/p>/g)].map((m) => m[1]!);
    expect(runLines[0]).toMatch(/^Mode: tiny · seed: 5 · generated /);
    expect(runLines.slice(1)).toHaveLength(EXPERIMENT_NAMES.length);
    for (const l of runLines.slice(1)) expect(l).toMatch(/^Mode tiny · seed 5 · made \d{4}-\d\d-\d\d \d\d:\d\d UTC$/);
    expect(html).not.toContain('Mixed run');
  });

  it('writes figures.tex with an includegraphics line per figure, pointing at PDFs that exist', () => {
    const tex = readFileSync(join(root, 'report', 'figures.tex'), 'utf8');
    const paths = [...tex.matchAll(/^ {2}\\includegraphics\[width=\\columnwidth\]\{([^}]+)\}$/gm)].map((m) => m[1]!);
    expect(paths).toHaveLength(figures.length);
    for (const p of paths) expect(existsSync(join(root, p)), p).toBe(true);
    expect(tex.match(/\\begin\{figure\}/g)).toHaveLength(figures.length);
    expect(tex.match(/\\label\{fig:/g)).toHaveLength(figures.length);
    // Captions are escaped LaTeX: no bare %, _, or Unicode math left.
    for (const c of tex.matchAll(/\\caption\{(.*)\}$/gm))
      expect(c[1]!.replace(/\$[^$]*\$/g, ''), c[1]).not.toMatch(/(?<!\\)[%_&#^]|[Φ𝔼ᵢₚᵐ]/u);
  });

  it('writes the headline numbers as a booktabs table and as Markdown', () => {
    const tex = readFileSync(join(root, 'report', 'headline.tex'), 'utf8');
    for (const rule of ['\\toprule', '\\midrule', '\\bottomrule']) expect(tex).toContain(rule);
    const rows = tex.split('\n').filter((l) => / & .* \\\\$/.test(l));
    const md = readFileSync(join(root, 'report', 'headline.md'), 'utf8');
    const mdRows = md.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Experiment'));
    expect(rows.length - 1).toBe(mdRows.length); // the LaTeX header row
    expect(mdRows.length).toBeGreaterThanOrEqual(EXPERIMENT_NAMES.length);
    expect(md).toContain('Run: mode tiny, seed 5.');
  });

  it('links every file of every figure from the gallery', () => {
    const html = readFileSync(join(root, 'report', 'gallery.html'), 'utf8');
    const links = [...html.matchAll(/(?:href|src)="\.\.\/([^"]+)"/g)].map((m) => m[1]!);
    for (const l of links) expect(existsSync(join(root, l)), l).toBe(true);
    for (const x of figures)
      for (const f of [x.f.svg, x.f.png, x.f.spec, x.f.pdf!.column, x.f.pdf!.page])
        expect(links, f).toContain(`${x.experiment}/${f}`);
  });
});

describe.skipIf(!existsSync(CHROMIUM))(
  `report/index.html in headless Chromium (${CHROMIUM}; skipped when missing)`,
  () => {
    it('shows every figure at a non-zero size with no console error, and the gallery loads every image', async () => {
      const [report, gallery] = await withChromium(async (ctx) => [
        await checkPage(ctx, join(root, 'report', 'index.html')),
        await checkPage(ctx, join(root, 'report', 'gallery.html')),
      ]);
      for (const r of [report, gallery]) {
        expect(r.figures).toHaveLength(figures.length);
        for (const f of r.figures) expect(f.width * f.height, f.id).toBeGreaterThan(0);
        expect(r.errors).toEqual([]);
        expect(r.brokenImages).toEqual([]);
      }
    }, 120_000);

    it('negative control: a missing figure file and a script error are reported', async () => {
      const page = join(root, 'report', 'broken.html');
      const { writeFileSync } = await import('node:fs');
      writeFileSync(page, '<figure id="x"><img src="../nope.svg"></figure><script>undefinedFunction()</script>');
      const r = await withChromium((ctx) => checkPage(ctx, page));
      expect(r.brokenImages).toEqual(['../nope.svg']);
      expect(r.errors.some((e) => /undefinedFunction/.test(e))).toBe(true);
      rmSync(page);
    }, 120_000);
  },
);

describe('a report mixing runs (--only into an existing folder)', () => {
  it("flags the mix in the header and states each section's own seed", async () => {
    await runReproduction({ mode: 'tiny', outDir: root, workers: 1, seed: 6, only: ['stability'] });
    const html = readFileSync(join(root, 'report', 'index.html'), 'utf8');
    expect(html).toMatch(/<p class="meta run">Mode: tiny · seed: 5, 6 · /);
    expect(html).toContain('Mixed run: the sections come from different modes or seeds');
    const stability = html.slice(html.indexOf('<h2 id="stability"'));
    expect(stability).toMatch(/<p class="meta run">Mode tiny · seed 6 · /);
    expect(html.slice(html.indexOf('<h2 id="ues"'))).toMatch(/<p class="meta run">Mode tiny · seed 5 · /);
    expect(readFileSync(join(root, 'report', 'headline.md'), 'utf8')).toMatch(
      /Run: mixed runs \(.*stability: tiny, seed 6/,
    );
  }, 120_000);
});
