/**
 * Vega-Lite spec builders for the experiments' figures: readable axis titles with units,
 * legends, confidence intervals as bands (continuous x) or error bars (categorical x). Data are
 * referenced by table name (`{ name: 'summary' }`); see render.ts for how they are bound.
 */

/** A Vega-Lite spec (plain JSON). */
export type VlSpec = Record<string, unknown>;

/** The look shared by every figure. */
export const BASE_CONFIG: VlSpec = {
  font: 'DejaVu Sans, Helvetica, Arial, sans-serif',
  axis: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal', grid: true, gridOpacity: 0.5 },
  legend: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal', labelLimit: 0 },
  title: { fontSize: 14, fontWeight: 'bold', anchor: 'start', subtitleFontSize: 11 },
  view: { stroke: '#ddd' },
  errorband: { opacity: 0.18 },
  line: { strokeWidth: 2 },
};

/** An axis of a chart. */
export interface AxisSpec {
  field: string;
  title: string;
  type?: 'quantitative' | 'ordinal' | 'nominal';
  log?: boolean;
  zero?: boolean;
  /** Explicit domain, e.g. [0, 1] for shares. */
  domain?: [number, number];
  format?: string;
  /** Ticks at integers only. */
  integer?: boolean;
  /** Explicit tick values (e.g. the swept sizes on a log axis). */
  values?: number[];
}

/** A colour (series) channel. */
export interface SeriesSpec {
  field: string;
  title: string;
  /** Order of the legend entries (by value of `field`). */
  sort?: string[];
}

/** Options of {@link lineBand}. */
export interface LineBandOptions {
  table: string;
  /** A Vega expression keeping rows, e.g. `datum.metric === 'meanTime'`. */
  filter?: string;
  x: AxisSpec;
  y: AxisSpec;
  series?: SeriesSpec;
  /** Stroke dash by a field (e.g. ODE prediction vs simulation). */
  dash?: SeriesSpec;
  /** Field names of the interval (default ciLow / ciHigh); null for no interval. */
  interval?: { low: string; high: string } | null;
  /** Mean field (default `mean`). */
  mean?: string;
  points?: boolean;
  width?: number;
  height?: number;
  title?: string;
  subtitle?: string;
  /** Vertical rules at these x values (events), with labels. */
  rules?: Array<{ x: number; label: string }>;
}

function axisEncoding(a: AxisSpec, field?: string): VlSpec {
  const enc: VlSpec = { field: field ?? a.field, type: a.type ?? 'quantitative', title: a.title };
  const scale: VlSpec = {};
  if (a.log) {
    scale.type = 'log';
    scale.nice = false;
  }
  if (a.zero !== undefined && !a.log) scale.zero = a.zero;
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

function colorEncoding(s: SeriesSpec | undefined): VlSpec {
  if (!s) return {};
  return { color: { field: s.field, type: 'nominal', title: s.title, ...(s.sort ? { sort: s.sort } : {}) } };
}

/**
 * A line per series with its confidence interval as a band (or error bars for a discrete x).
 * @returns the spec.
 */
export function lineBand(o: LineBandOptions): VlSpec {
  const mean = o.mean ?? 'mean';
  const interval = o.interval === undefined ? { low: 'ciLow', high: 'ciHigh' } : o.interval;
  const discrete = o.x.type === 'ordinal' || o.x.type === 'nominal';
  const color = colorEncoding(o.series);
  const dash = o.dash
    ? {
        strokeDash: {
          field: o.dash.field,
          type: 'nominal',
          title: o.dash.title,
          ...(o.dash.sort ? { sort: o.dash.sort } : {}),
        },
      }
    : {};
  const layers: VlSpec[] = [];
  if (interval) {
    layers.push({
      mark: discrete ? { type: 'errorbar', ticks: true } : { type: 'errorband' },
      encoding: {
        x: axisEncoding(o.x),
        y: { ...axisEncoding(o.y, interval.low), title: o.y.title },
        y2: { field: interval.high },
        ...color,
      },
    });
  }
  layers.push({
    mark: { type: 'line', point: o.points ?? true },
    encoding: {
      x: axisEncoding(o.x),
      y: axisEncoding(o.y, mean),
      ...color,
      ...dash,
      tooltip: [
        { field: o.x.field, type: o.x.type ?? 'quantitative', title: o.x.title },
        { field: mean, type: 'quantitative', title: o.y.title, format: '.4~g' },
        ...(interval
          ? [
              { field: interval.low, type: 'quantitative', title: '95 % CI low', format: '.4~g' },
              { field: interval.high, type: 'quantitative', title: '95 % CI high', format: '.4~g' },
            ]
          : []),
        ...(o.series ? [{ field: o.series.field, type: 'nominal', title: o.series.title }] : []),
      ],
    },
  });
  if (o.rules?.length) {
    layers.push({
      data: { values: o.rules },
      mark: { type: 'rule', strokeDash: [4, 3], color: '#888' },
      encoding: { x: { field: 'x', type: 'quantitative' } },
    });
    layers.push({
      data: { values: o.rules },
      mark: { type: 'text', align: 'left', dx: 4, dy: 2, baseline: 'top', color: '#555', fontSize: 10 },
      encoding: { x: { field: 'x', type: 'quantitative' }, y: { value: 0 }, text: { field: 'label' } },
    });
  }
  const spec: VlSpec = {
    data: { name: o.table },
    ...(o.filter ? { transform: [{ filter: o.filter }] } : {}),
    width: o.width ?? 420,
    height: o.height ?? 260,
    layer: layers,
  };
  if (o.title) spec.title = o.subtitle ? { text: o.title, subtitle: o.subtitle } : o.title;
  return spec;
}

/** Puts specs side by side (or in a column), resolving colour scales as shared. */
export function concat(specs: VlSpec[], direction: 'h' | 'v' = 'h', title?: string): VlSpec {
  return {
    ...(title ? { title } : {}),
    [direction === 'h' ? 'hconcat' : 'vconcat']: specs,
    resolve: { scale: { color: 'shared', strokeDash: 'shared' } },
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

/** Grouped bars with 95 % error bars. */
export function barChart(o: BarOptions): VlSpec {
  const interval = o.interval === undefined ? { low: 'ciLow', high: 'ciHigh' } : o.interval;
  const color = colorEncoding(o.series);
  const offset =
    o.series && o.grouped !== false
      ? { xOffset: { field: o.series.field, ...(o.series.sort ? { sort: o.series.sort } : {}) } }
      : {};
  const xEnc = { ...axisEncoding({ ...o.x, type: o.x.type ?? 'nominal' }), axis: { labelAngle: 0 } };
  const layers: VlSpec[] = [
    { mark: { type: 'bar' }, encoding: { x: xEnc, y: axisEncoding(o.y, 'mean'), ...color, ...offset } },
  ];
  if (interval) {
    layers.push({
      mark: { type: 'errorbar', ticks: true, color: '#333' },
      encoding: {
        x: xEnc,
        y: { ...axisEncoding(o.y, interval.low), title: o.y.title },
        y2: { field: interval.high },
        ...offset,
      },
    });
  }
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
