/**
 * Vega-Lite spec builders for the experiments' figures: axis titles with units, one colour, marker
 * and dash per series (from labels.ts, the same in every figure), a drawn legend whose swatches show
 * line, dash and marker at full strength, confidence intervals clamped to the quantity's domain.
 * Data are referenced by table name (`{ name: 'summary' }`); see render.ts for how they are bound.
 */
import { seriesStyles, unicodeMath, type SeriesStyle } from './labels.js';
import { textWidth } from './text-width.js';

/** A Vega-Lite spec (plain JSON). */
export type VlSpec = Record<string, unknown>;

/** The look shared by every figure. */
export const BASE_CONFIG: VlSpec = {
  font: 'DejaVu Sans, Helvetica, Arial, sans-serif',
  axis: {
    labelFontSize: 11,
    titleFontSize: 12,
    titleFontWeight: 'normal',
    grid: true,
    gridOpacity: 0.5,
    labelOverlap: 'greedy',
  },
  legend: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal', labelLimit: 0, symbolOpacity: 1 },
  title: { fontSize: 14, fontWeight: 'bold', anchor: 'start', subtitleFontSize: 11 },
  view: { stroke: '#ddd' },
  line: { strokeWidth: 2 },
};

/** Opacity of confidence bands (the legend never uses it: swatches show the line); fainter when many overlap. */
function bandOpacity(series: SeriesSpec | undefined): number {
  return (domainOf(series)?.length ?? 1) >= 5 ? 0.1 : 0.16;
}

/** An axis of a chart. */
export interface AxisSpec {
  field: string;
  title: string;
  type?: 'quantitative' | 'ordinal' | 'nominal';
  log?: boolean;
  zero?: boolean;
  /** Explicit domain, e.g. [0, 1] for shares. */
  domain?: [number, number];
  /**
   * Values the quantity can take (default [0, ∞): times, potentials, counts, ratios are never
   * negative); a confidence interval is clamped to it, and on a log axis to positive values.
   */
  valid?: [number, number];
  format?: string;
  /** Ticks at integers only. */
  integer?: boolean;
  /** Explicit tick values (e.g. the swept sizes on a log axis). */
  values?: number[];
}

/**
 * A series channel: colour, marker and dash by the value of `field`. Give `domain` (every value,
 * in legend order) for the fixed method styles of labels.ts and a drawn legend; without it the
 * series take the generic styles in vega's order and vega's own legend (at full opacity).
 */
export interface SeriesSpec {
  field: string;
  /** Legend title. */
  title: string;
  /** The values in legend order (every value the data hold). */
  domain?: string[];
  /** Older name of `domain` (legend order only). */
  sort?: string[];
}

/** The values of a series in legend order, when the caller gave them. */
function domainOf(s: SeriesSpec | undefined): string[] | undefined {
  return s?.domain ?? s?.sort;
}

/** One legend section: a title and entries drawn with their styles. */
export interface LegendSection {
  title: string;
  entries: Array<{ label: string } & Partial<SeriesStyle>>;
  /** `line` (default) draws a line with dash and marker; `bar` a filled square. */
  kind?: 'line' | 'bar';
}

/** Options of {@link lineBand}. */
export interface LineBandOptions {
  table: string;
  /** A Vega expression keeping rows, e.g. `datum.metric === 'meanTime'`. */
  filter?: string;
  x: AxisSpec;
  y: AxisSpec;
  series?: SeriesSpec;
  /** Stroke dash by a second field (e.g. ODE prediction vs simulation); the series then keep colour and marker only. */
  dash?: SeriesSpec;
  /** Field names of the interval (default ciLow / ciHigh); null for no interval. */
  interval?: { low: string; high: string } | null;
  /** Mean field (default `mean`). */
  mean?: string;
  /** Markers at every point (true, default), at about eight points per series ('sparse'), or none. */
  points?: boolean | 'sparse';
  width?: number;
  height?: number;
  title?: string;
  /** Vertical rules at these x values (events), with labels. */
  rules?: Array<{ x: number; label: string }>;
}

/** A long title on two lines (at the space nearest the middle), so that it fits beside a short panel. */
function wrapTitle(t: string, max = 28): string | string[] {
  if (t.length <= max) return t;
  const mid = t.length / 2;
  let best = -1;
  for (let i = 0; i < t.length; i++)
    if (t[i] === ' ' && (best < 0 || Math.abs(i - mid) < Math.abs(best - mid))) best = i;
  return best < 0 ? t : [t.slice(0, best), t.slice(best + 1)];
}

function axisEncoding(a: AxisSpec, field?: string, vertical = false): VlSpec {
  const enc: VlSpec = {
    field: field ?? a.field,
    type: a.type ?? 'quantitative',
    title: vertical ? wrapTitle(a.title) : a.title,
  };
  const scale: VlSpec = {};
  if (a.log) {
    scale.type = 'log';
    scale.nice = false;
  }
  if (a.zero !== undefined && !a.log) scale.zero = a.zero;
  // The x axis ends at the data (a "nice" round end leaves a blank strip at the right of a panel).
  if (!vertical && !a.log && (a.type ?? 'quantitative') === 'quantitative') scale.nice = false;
  if (a.domain) scale.domain = a.domain;
  if (Object.keys(scale).length) enc.scale = scale;
  if (a.format || a.integer || a.values) {
    enc.axis = {
      ...(a.format ? { format: a.format } : {}),
      ...(a.integer ? { tickMinStep: 1 } : {}),
      ...(a.values ? { values: a.values } : {}),
    };
  }
  return enc;
}

/** Vega's dash for a style (`[]` would inherit; `[1, 0]` is solid). */
function dashOf(d: readonly number[]): number[] {
  return d.length ? [...d] : [1, 0];
}

/**
 * Colour, marker and dash encodings of a series with the fixed styles of labels.ts; Vega's own
 * legends are off (see {@link legendFor}).
 */
function styleEncodings(s: SeriesSpec | undefined, withDash: boolean): VlSpec {
  if (!s) return {};
  const domain = domainOf(s);
  if (!domain) {
    // No values known: generic styles in vega's order, vega's legend (one, merged by field and title).
    const generic = seriesStyles(Array.from({ length: 8 }, (_, k) => `series ${k}`));
    const base = { field: s.field, type: 'nominal', title: s.title };
    return {
      color: { ...base, scale: { range: generic.map((x) => x.color) } },
      shape: { ...base, scale: { range: generic.map((x) => x.shape) } },
      ...(withDash ? { strokeDash: { ...base, scale: { range: generic.map((x) => dashOf(x.dash)) } } } : {}),
    };
  }
  const styles = seriesStyles(domain);
  const base = { field: s.field, type: 'nominal', legend: null, sort: domain };
  return {
    color: { ...base, scale: { domain, range: styles.map((x) => x.color) } },
    shape: { ...base, scale: { domain, range: styles.map((x) => x.shape) } },
    ...(withDash ? { strokeDash: { ...base, scale: { domain, range: styles.map((x) => dashOf(x.dash)) } } } : {}),
  };
}

/** Dashes of a separate dash channel: solid, then the generic dashes; colour neutral. */
function dashEncoding(d: SeriesSpec): VlSpec {
  const domain = domainOf(d);
  const styles = seriesStyles(domain ?? Array.from({ length: 8 }, (_, k) => `series ${k}`));
  return {
    strokeDash: {
      field: d.field,
      type: 'nominal',
      ...(domain ? { legend: null, sort: domain, scale: { domain, range: styles.map((x) => dashOf(x.dash)) } } : {}),
      ...(domain ? {} : { title: d.title, scale: { range: styles.map((x) => dashOf(x.dash)) } }),
    },
  };
}

/**
 * The legend sections of a chart's series (and dash channel), labels in Unicode math.
 * @param o - the series and dash channels of {@link lineBand} or {@link barChart}.
 * @param kind - `line` (default) draws each entry as a line with dash and marker, `bar` as a square.
 * @returns sections for {@link withLegend}.
 * @example
 * legendFor({ series: { field: 'label', title: 'Method', domain: ['MASL'] } })[0].entries[0].color; // → '#D55E00'
 */
export function legendFor(o: Pick<LineBandOptions, 'series' | 'dash'>, kind: 'line' | 'bar' = 'line'): LegendSection[] {
  const out: LegendSection[] = [];
  const series = domainOf(o.series);
  const dashes = domainOf(o.dash);
  // Values unknown: vega draws the legend (see SeriesSpec).
  if ((o.series && !series) || (o.dash && !dashes)) return out;
  if (o.series && series) {
    const styles = seriesStyles(series);
    out.push({
      title: o.series.title,
      kind,
      entries: series.map((v, k) => ({
        label: unicodeMath(v),
        color: styles[k]!.color,
        shape: styles[k]!.shape,
        dash: o.dash ? [] : styles[k]!.dash,
      })),
    });
  }
  if (o.dash && dashes) {
    const styles = seriesStyles(dashes);
    out.push({
      title: o.dash.title,
      entries: dashes.map((v, k) => ({ label: unicodeMath(v), color: '#555555', dash: styles[k]!.dash })),
    });
  }
  return out;
}

/** Clamps the interval to the axis's valid values (and to > 0 on a log axis) in a calculate transform. */
function clampTransforms(y: AxisSpec, interval: { low: string; high: string }, mean: string): VlSpec[] {
  const [lo, hi] = y.valid ?? y.domain ?? [0, Number.POSITIVE_INFINITY];
  const low = `datum[${JSON.stringify(interval.low)}]`;
  const high = `datum[${JSON.stringify(interval.high)}]`;
  // On a log axis an arithmetic interval can reach ≤ 0: the band is then drawn down to a tenth of the mean.
  const floor = y.log ? `max(${Number.isFinite(lo) ? lo : 0}, datum[${JSON.stringify(mean)}] / 10)` : String(lo);
  const lowExpr = y.log ? `${low} > 0 ? max(${low}, ${Number.isFinite(lo) ? lo : 0}) : ${floor}` : `max(${low}, ${lo})`;
  return [
    { calculate: lowExpr, as: '_bandLow' },
    { calculate: Number.isFinite(hi) ? `min(${high}, ${hi})` : high, as: '_bandHigh' },
  ];
}

function bandLayer(o: LineBandOptions, interval: { low: string; high: string }, mean: string): VlSpec {
  const discrete = o.x.type === 'ordinal' || o.x.type === 'nominal';
  const style = styleEncodings(o.series, false);
  return {
    transform: clampTransforms(o.y, interval, mean),
    mark: discrete
      ? { type: 'errorbar', ticks: true, clip: true }
      : { type: 'errorband', opacity: bandOpacity(o.series), clip: true },
    encoding: {
      x: axisEncoding(o.x),
      y: { ...axisEncoding(o.y, '_bandLow', true) },
      y2: { field: '_bandHigh' },
      ...(style.color ? { color: style.color } : {}),
    },
  };
}

function markerLayer(o: LineBandOptions, mean: string): VlSpec {
  const style = styleEncodings(o.series, false);
  const sparse = o.points === 'sparse';
  const groupby = o.series ? [o.series.field, ...(o.dash ? [o.dash.field] : [])] : [];
  return {
    ...(sparse
      ? {
          transform: [
            { window: [{ op: 'row_number', as: '_k' }], groupby },
            { joinaggregate: [{ op: 'count', as: '_n' }], groupby },
            { filter: 'datum._k % max(1, floor(datum._n / 8)) === 1 || datum._n < 8' },
          ],
        }
      : {}),
    mark: { type: 'point', filled: true, size: 42, opacity: 1, clip: true },
    encoding: {
      x: axisEncoding(o.x),
      y: axisEncoding(o.y, mean, true),
      ...(style.color ? { color: style.color, shape: style.shape } : { color: { value: '#0072B2' } }),
    },
  };
}

function ruleLayers(rules: Array<{ x: number; label: string }>): VlSpec[] {
  return [
    {
      data: { values: rules },
      mark: { type: 'rule', strokeDash: [4, 3], color: '#888' },
      encoding: { x: { field: 'x', type: 'quantitative' } },
    },
    {
      data: { values: rules },
      mark: { type: 'text', align: 'left', dx: 4, dy: 2, baseline: 'top', color: '#555', fontSize: 10 },
      encoding: { x: { field: 'x', type: 'quantitative' }, y: { value: 0 }, text: { field: 'label' } },
    },
  ];
}

/** A chart of layers over one table (optionally filtered): 420 × 260 unless the options say otherwise. */
function layeredChart(
  o: { table: string; filter?: string; width?: number; height?: number; title?: string },
  layers: VlSpec[],
): VlSpec {
  const spec: VlSpec = {
    data: { name: o.table },
    ...(o.filter ? { transform: [{ filter: o.filter }] } : {}),
    width: o.width ?? 420,
    height: o.height ?? 260,
    layer: layers,
  };
  if (o.title) spec.title = o.title;
  return spec;
}

/**
 * A line per series with its confidence interval as a band (or error bars for a discrete x), the
 * interval clamped to the quantity's valid values; no legend (add one with {@link withLegend}).
 * @param o - table, filter, axes, series, interval fields, markers, size, rules.
 * @returns the spec.
 * @example
 * lineBand({ table: 'summary', x: { field: 'x', title: 'N' }, y: { field: 'mean', title: 'T̄ (s)' } }).layer.length; // → 3
 */
export function lineBand(o: LineBandOptions): VlSpec {
  const mean = o.mean ?? 'mean';
  const interval = o.interval === undefined ? { low: 'ciLow', high: 'ciHigh' } : o.interval;
  const style = styleEncodings(o.series, !o.dash);
  const layers: VlSpec[] = [];
  if (interval) layers.push(bandLayer(o, interval, mean));
  layers.push({
    mark: { type: 'line', strokeWidth: 2, opacity: 1, clip: true },
    encoding: {
      x: axisEncoding(o.x),
      y: axisEncoding(o.y, mean, true),
      ...(style.color ? { color: style.color } : { color: { value: '#0072B2' } }),
      ...(style.strokeDash ? { strokeDash: style.strokeDash } : {}),
      ...(o.dash ? dashEncoding(o.dash) : {}),
    },
  });
  if (o.points !== false) layers.push(markerLayer(o, mean));
  if (o.rules?.length) layers.push(...ruleLayers(o.rules));
  return layeredChart(o, layers);
}

const LEGEND_ROW = 18;
const LEGEND_SWATCH = 30;

function legendEntryLayers(e: LegendSection['entries'][number], y: number, kind: 'line' | 'bar', k: number): VlSpec[] {
  const one = { values: [{}] };
  const color = e.color ?? '#555555';
  const out: VlSpec[] = [];
  if (kind === 'bar') {
    out.push({
      data: one,
      name: `legend_swatch_bar_${k}`,
      mark: { type: 'square', size: 120, filled: true, color, opacity: 1 },
      encoding: { x: { value: LEGEND_SWATCH / 2 }, y: { value: y } },
    });
  } else {
    out.push({
      data: one,
      name: `legend_swatch_line_${k}`,
      mark: { type: 'rule', color, strokeWidth: 2, opacity: 1, strokeDash: dashOf(e.dash ?? []) },
      encoding: { x: { value: 0 }, x2: { value: LEGEND_SWATCH }, y: { value: y }, y2: { value: y } },
    });
    if (e.shape)
      out.push({
        data: one,
        name: `legend_swatch_marker_${k}`,
        mark: { type: 'point', shape: e.shape, filled: true, size: 42, color, opacity: 1 },
        encoding: { x: { value: LEGEND_SWATCH / 2 }, y: { value: y } },
      });
  }
  out.push({
    data: one,
    name: `legend_label_${k}`,
    mark: { type: 'text', align: 'left', baseline: 'middle', fontSize: 11, color: '#222' },
    encoding: { x: { value: LEGEND_SWATCH + 6 }, y: { value: y }, text: { value: e.label } },
  });
  return out;
}

/**
 * A legend drawn as a chart of its own: per entry a line with the series' dash and a marker (or a
 * filled square for bars), at full strength, and the label.
 * @param sections - titled groups of entries.
 * @returns a layer spec with no axes.
 * @example
 * legendPanel([{ title: 'Method', entries: [{ label: 'MASL', color: '#D55E00', shape: 'circle', dash: [] }] }]).name; // → 'legend'
 */
function legendPanel(sections: readonly LegendSection[]): VlSpec {
  const layers: VlSpec[] = [];
  let y = 8;
  let longest = 0;
  for (const s of sections) {
    layers.push({
      data: { values: [{}] },
      name: `legend_title_${layers.length}`,
      mark: { type: 'text', align: 'left', baseline: 'middle', fontSize: 12, color: '#222' },
      encoding: { x: { value: 0 }, y: { value: y }, text: { value: s.title } },
    });
    longest = Math.max(longest, textWidth(s.title, 12, false) - LEGEND_SWATCH - 6);
    y += LEGEND_ROW;
    for (const e of s.entries) {
      layers.push(...legendEntryLayers(e, y, s.kind ?? 'line', layers.length));
      longest = Math.max(longest, textWidth(e.label, 11, false));
      y += LEGEND_ROW;
    }
    y += LEGEND_ROW / 2;
  }
  return {
    name: 'legend',
    width: Math.ceil(LEGEND_SWATCH + 8 + longest),
    height: y - LEGEND_ROW,
    view: { stroke: null },
    layer: layers,
  };
}

/**
 * A figure with its legend to the right of its panel(s).
 * @param spec - a chart, or an `hconcat` of charts.
 * @param sections - the legend (e.g. from {@link legendFor}); none leaves the spec as is.
 * @returns an `hconcat` whose last member is the legend.
 * @example
 * (withLegend(lineBand(opts), legendFor(opts)).hconcat as unknown[]).length; // → 2
 */
export function withLegend(spec: VlSpec, sections: readonly LegendSection[]): VlSpec {
  if (sections.length === 0) return spec;
  const legend = legendPanel(sections);
  if (Array.isArray(spec.hconcat)) return { ...spec, hconcat: [...(spec.hconcat as VlSpec[]), legend] };
  const { title, ...rest } = spec;
  return { ...(title ? { title } : {}), hconcat: [rest, legend], spacing: 16 };
}

/** Puts specs side by side (or in a column), with their own y scales and shared series styles. */
export function concat(specs: VlSpec[], direction: 'h' | 'v' = 'h', title?: string): VlSpec {
  return {
    ...(title ? { title } : {}),
    [direction === 'h' ? 'hconcat' : 'vconcat']: specs,
    resolve: { scale: { color: 'shared', shape: 'shared', strokeDash: 'shared', y: 'independent' } },
  };
}

/** Options of {@link barChart}. */
export interface BarOptions {
  table: string;
  filter?: string;
  x: AxisSpec;
  y: AxisSpec;
  series?: SeriesSpec;
  /** Offset bars of different series within one x (default true when series differ from x). */
  grouped?: boolean;
  interval?: { low: string; high: string } | null;
  width?: number;
  height?: number;
  title?: string;
}

/**
 * Bars with 95 % error bars (clamped to the quantity's valid values), coloured by series.
 * @param o - table, filter, axes, series, interval, size.
 * @returns the spec.
 * @example
 * barChart({ table: 't', x: { field: 's', title: 'Setting' }, y: { field: 'mean', title: 'Slots' } }).layer.length; // → 2
 */
export function barChart(o: BarOptions): VlSpec {
  const interval = o.interval === undefined ? { low: 'ciLow', high: 'ciHigh' } : o.interval;
  const style = styleEncodings(o.series, false);
  const offset =
    o.series && o.grouped !== false
      ? { xOffset: { field: o.series.field, ...(domainOf(o.series) ? { sort: domainOf(o.series) } : {}) } }
      : {};
  const xEnc = { ...axisEncoding({ ...o.x, type: o.x.type ?? 'nominal' }), axis: { labelAngle: 0 } };
  const layers: VlSpec[] = [
    {
      mark: { type: 'bar', opacity: 1 },
      encoding: {
        x: xEnc,
        y: axisEncoding(o.y, 'mean', true),
        ...(style.color ? { color: style.color } : { color: { value: '#0072B2' } }),
        ...offset,
      },
    },
  ];
  if (interval) {
    layers.push({
      transform: clampTransforms(o.y, interval, 'mean'),
      mark: { type: 'errorbar', ticks: true, color: '#333' },
      encoding: {
        x: xEnc,
        y: { ...axisEncoding(o.y, '_bandLow', true) },
        y2: { field: '_bandHigh' },
        ...offset,
      },
    });
  }
  return layeredChart(o, layers);
}
