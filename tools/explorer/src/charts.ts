/// <reference lib="dom" />
/**
 * Small line charts in plain SVG (no chart library: the page stays small). Every label is set with
 * `textContent`, never as markup.
 */

const SVG = 'http://www.w3.org/2000/svg';

/** One line of a chart. */
export interface Series {
  label: string;
  colour: string;
  /** SVG stroke-dasharray, e.g. '6 4' (solid when absent). */
  dash?: string;
  xs: readonly number[];
  ys: readonly number[];
}

/** What a chart shows. */
export interface ChartSpec {
  title: string;
  xLabel: string;
  yLabel: string;
  series: readonly Series[];
  /** Draw only points with x ≤ upTo at first (the playback position); the axes span every point. */
  upTo?: number;
}

function el<K extends keyof SVGElementTagNameMap>(
  name: K,
  attrs: Record<string, string | number>,
  parent?: Element,
): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  parent?.appendChild(e);
  return e;
}

/**
 * About five round tick values covering [lo, hi] (1, 2 or 5 × a power of ten apart).
 * @param lo - the low end.
 * @param hi - the high end.
 * @returns the ticks, increasing.
 * @example
 * niceTicks(0, 10); // → [0, 2, 4, 6, 8, 10]
 */
export function niceTicks(lo: number, hi: number): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / 5;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}

/**
 * A compact number label: up to four significant digits, exponent form for very large or small.
 * @param v - the number.
 * @returns the label.
 * @example
 * formatTick(12345); // → '1.235e+4'
 */
export function formatTick(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  return a >= 1e4 || a < 1e-3 ? v.toExponential(3).replace(/\.?0+e/, 'e') : String(Number(v.toPrecision(4)));
}

function extent(series: readonly Series[], key: 'xs' | 'ys'): [number, number] {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const s of series) for (const v of s[key]) if (Number.isFinite(v)) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
  if (!(hi >= lo)) return [0, 1];
  return hi > lo ? [lo, hi] : [lo - 0.5, hi + 0.5];
}

/**
 * Draws a line chart into an SVG element (replacing its content): axes with ticks, one path per
 * series up to `spec.upTo`, a legend. Returns a function that moves the playback position by
 * changing only the paths (cheap enough for every animation frame).
 * @param svg - the target (its viewBox is set to 480 wide).
 * @param spec - title, axis labels and series.
 * @returns the position updater.
 * @example
 * const show = drawChart(svg, { title: 'T̄', xLabel: 'slot', yLabel: 's', series });
 * show(1000); // → the lines drawn up to slot 1000
 */
export function drawChart(svg: SVGSVGElement, spec: ChartSpec): (upTo: number) => void {
  const W = 480;
  const legend = legendLayout(spec.series, W);
  const rows = legend.length ? legend[legend.length - 1]!.row + 1 : 0;
  const H = 240 + 16 * rows;
  const m = { l: 58, r: 12, t: 12, b: 50 + 16 * rows };
  svg.replaceChildren();
  svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  svg.setAttribute('role', 'img');
  el('title', {}, svg).textContent = spec.title;
  const [x0, x1] = extent(spec.series, 'xs');
  const [y0, y1] = extent(spec.series, 'ys');
  const X = (v: number): number => m.l + ((v - x0) / (x1 - x0)) * (W - m.l - m.r);
  const Y = (v: number): number => H - m.b - ((v - y0) / (y1 - y0)) * (H - m.t - m.b);
  const axes = el('g', { class: 'axes' }, svg);
  el('line', { x1: m.l, y1: H - m.b, x2: W - m.r, y2: H - m.b }, axes);
  el('line', { x1: m.l, y1: m.t, x2: m.l, y2: H - m.b }, axes);
  for (const t of niceTicks(x0, x1)) {
    el('line', { x1: X(t), y1: H - m.b, x2: X(t), y2: H - m.b + 4 }, axes);
    const label = el('text', { x: X(t), y: H - m.b + 16, 'text-anchor': 'middle' }, axes);
    label.textContent = formatTick(t);
  }
  for (const t of niceTicks(y0, y1)) {
    el('line', { x1: m.l - 4, y1: Y(t), x2: m.l, y2: Y(t) }, axes);
    const label = el('text', { x: m.l - 6, y: Y(t) + 4, 'text-anchor': 'end' }, axes);
    label.textContent = formatTick(t);
  }
  el('text', { x: (m.l + W - m.r) / 2, y: H - m.b + 30, 'text-anchor': 'middle' }, axes).textContent = spec.xLabel;
  el(
    'text',
    { x: 12, y: (m.t + H - m.b) / 2, 'text-anchor': 'middle', transform: `rotate(-90 12 ${(m.t + H - m.b) / 2})` },
    axes,
  ).textContent = spec.yLabel;
  const update = drawSeries(svg, spec.series, X, Y);
  drawLegend(svg, spec.series, legend, H - m.b + 50);
  update(spec.upTo ?? Number.POSITIVE_INFINITY);
  return update;
}

/** Creates one path per series with its points projected once; the returned function shows the points up to x. */
function drawSeries(
  svg: SVGSVGElement,
  series: readonly Series[],
  X: (v: number) => number,
  Y: (v: number) => number,
): (upTo: number) => void {
  const lines = series.map((s) => {
    const xs: number[] = [];
    const pts: string[] = [];
    for (let k = 0; k < s.xs.length; k++) {
      const y = s.ys[k]!;
      if (!Number.isFinite(y)) continue;
      xs.push(s.xs[k]!);
      pts.push(`${X(s.xs[k]!).toFixed(1)} ${Y(y).toFixed(1)}`);
    }
    const path = el(
      'path',
      { d: '', fill: 'none', stroke: s.colour, 'stroke-width': 2, ...(s.dash && { 'stroke-dasharray': s.dash }) },
      svg,
    );
    return { xs, pts, path, shown: -1 };
  });
  return (upTo) => {
    for (const line of lines) {
      let n = line.xs.length;
      while (n > 0 && line.xs[n - 1]! > upTo) n--;
      if (n === line.shown) continue;
      line.shown = n;
      line.path.setAttribute('d', n > 0 ? `M${line.pts.slice(0, n).join('L')}` : '');
    }
  };
}

/** Where each legend entry goes: its row and x (entries wrap to the chart's width). */
function legendLayout(series: readonly Series[], width: number): Array<{ x: number; row: number }> {
  let x = 8;
  let row = 0;
  return series.map((s) => {
    const w = 36 + 6 * s.label.length;
    if (x + w > width && x > 8) [x, row] = [8, row + 1];
    const at = { x, row };
    x += w;
    return at;
  });
}

function drawLegend(
  svg: SVGSVGElement,
  series: readonly Series[],
  layout: ReturnType<typeof legendLayout>,
  top: number,
): void {
  const g = el('g', { class: 'legend' }, svg);
  series.forEach((s, k) => {
    const { x, row } = layout[k]!;
    const y = top + 16 * row;
    el(
      'line',
      {
        x1: x,
        y1: y - 4,
        x2: x + 24,
        y2: y - 4,
        stroke: s.colour,
        'stroke-width': 3,
        ...(s.dash && { 'stroke-dasharray': s.dash }),
      },
      g,
    );
    el('text', { x: x + 28, y }, g).textContent = s.label;
  });
}
