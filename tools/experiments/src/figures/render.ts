import { join } from 'node:path';
import type { Row } from '../data/csv.js';
import { BASE_CONFIG, type VlSpec } from './charts.js';
import { fontDir } from './pdf.js';
import { vegaTextWidth } from './text-width.js';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

function mapData(node: unknown, f: (name: string) => unknown): unknown {
  if (Array.isArray(node)) return node.map((n) => mapData(n, f));
  if (node && typeof node === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) {
      if (
        k === 'data' &&
        v &&
        typeof v === 'object' &&
        typeof (v as { name?: unknown }).name === 'string' &&
        Object.keys(v).length === 1
      ) {
        out[k] = f((v as { name: string }).name);
      } else {
        out[k] = mapData(v, f);
      }
    }
    return out;
  }
  return node;
}

/**
 * The spec as saved beside its data: named data become `<name>.csv` in the same folder, so a
 * user can restyle the figure in any Vega-Lite editor with the CSV next to it.
 * @param spec - a spec with `data: { name }` references.
 * @returns a complete Vega-Lite spec (with `$schema` and the shared config).
 */
export function specForFiles(spec: VlSpec): VlSpec {
  const s = mapData(spec, (name) => ({ url: `${name}.csv`, format: { type: 'csv' } })) as VlSpec;
  return { $schema: SCHEMA, ...s, config: { ...BASE_CONFIG, ...((spec.config as VlSpec | undefined) ?? {}) } };
}

/**
 * The spec with its data inline (for rendering).
 * @param spec - a spec with `data: { name }` references.
 * @param tables - rows by table name.
 * @returns the spec; a reference to a missing table throws.
 */
export function specWithValues(spec: VlSpec, tables: Readonly<Record<string, readonly Row[]>>): VlSpec {
  const s = mapData(spec, (name) => {
    const rows = tables[name];
    if (!rows)
      throw new RangeError(
        `specWithValues: the figure refers to a table "${name}" that the experiment did not produce`,
      );
    return { values: rows.map((r) => ({ ...r })) };
  }) as VlSpec;
  return {
    $schema: SCHEMA,
    background: 'white',
    ...s,
    config: { ...BASE_CONFIG, ...((spec.config as VlSpec | undefined) ?? {}) },
  };
}

type VegaModule = typeof import('vega');
type VegaLiteModule = typeof import('vega-lite');
type ResvgModule = typeof import('@resvg/resvg-js');
let libs: Promise<{ vega: VegaModule; vl: VegaLiteModule; resvg: ResvgModule }> | undefined;

function loadLibs(): Promise<{ vega: VegaModule; vl: VegaLiteModule; resvg: ResvgModule }> {
  libs ??= Promise.all([import('vega'), import('vega-lite'), import('@resvg/resvg-js')]).then(([vega, vl, resvg]) => {
    // Lay text out at its real width in the figures' font (vega's own guess is 0.8 em a character).
    (vega as unknown as { textMetrics: { width: typeof vegaTextWidth } }).textMetrics.width = vegaTextWidth;
    return { vega, vl, resvg };
  });
  return libs;
}

/**
 * Renders a Vega-Lite spec (data inline) to SVG with vega in Node (no browser, no canvas).
 * @param spec - from {@link specWithValues}.
 * @returns the SVG text.
 * @example
 * (await renderSvg(specWithValues(spec, tables))).startsWith('<svg'); // → true
 */
export async function renderSvg(spec: VlSpec): Promise<string> {
  const { vega, vl } = await loadLibs();
  // Warnings go to a list, not the console: stdout carries the summary and stderr the progress.
  const warnings: string[] = [];
  const logger = {
    level: (): number => 0,
    error: (...a: unknown[]) => (warnings.push(a.map(String).join(' ')), logger),
    warn: (...a: unknown[]) => (warnings.push(a.map(String).join(' ')), logger),
    info: () => logger,
    debug: () => logger,
  };
  const compiled = vl.compile(spec as unknown as Parameters<VegaLiteModule['compile']>[0], {
    logger: logger as never,
  }).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', logLevel: vega.Error });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/**
 * Renders a Vega-Lite spec (data inline) to SVG ({@link renderSvg}) and to PNG with resvg at 2×
 * scale, text in the DejaVu fonts of the `dejavu-fonts-ttf` package (the same on every machine).
 * @param spec - from {@link specWithValues}.
 * @returns the SVG text and the PNG bytes.
 * @example
 * const { png } = await renderFigure(specWithValues(spec, tables)); png.length > 0; // → true
 */
export async function renderFigure(spec: VlSpec): Promise<{ svg: string; png: Uint8Array }> {
  const { resvg } = await loadLibs();
  const svg = await renderSvg(spec);
  const dir = fontDir();
  const r = new resvg.Resvg(svg, {
    fitTo: { mode: 'zoom', value: 2 },
    background: 'white',
    font: {
      loadSystemFonts: false,
      fontFiles: [join(dir, 'DejaVuSans.ttf'), join(dir, 'DejaVuSans-Bold.ttf')],
      defaultFontFamily: 'DejaVu Sans',
    },
  });
  const png = r.render().asPng();
  return { svg, png: new Uint8Array(png) };
}
