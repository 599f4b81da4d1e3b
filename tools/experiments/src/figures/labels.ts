/**
 * The one table of how things are named and drawn: each method's label, colour, marker and dash
 * (the same in every figure and in the report), the quantities' labels and units in Unicode math
 * (never TeX source), and their conversion to LaTeX for the paper tables.
 */

/** The Okabe–Ito palette (Okabe & Ito 2008, "Color Universal Design"): safe for the common colour-vision deficiencies. */
const OKABE_ITO = {
  black: '#000000',
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
} as const;

/** How one series is drawn: colour, Vega marker shape (a name or an SVG path) and stroke dash (`[]` is solid). */
export interface SeriesStyle {
  color: string;
  shape: string;
  dash: number[];
}

/** A method's legend label and style. */
export interface MethodStyle extends SeriesStyle {
  /** The solver id (`masl`, `best-response`, ...). */
  id: string;
  label: string;
}

/** An "×" marker (Vega's `cross` is a "+"). */
const X_MARK = 'M-1,-0.6L-0.6,-1L0,-0.4L0.6,-1L1,-0.6L0.4,0L1,0.6L0.6,1L0,0.4L-0.6,1L-1,0.6L-0.4,0Z';

/**
 * Every method in legend order, with a colour, marker and dash no other method shares: lines stay
 * apart in grey-scale print and for colour-blind readers, by marker and dash alone.
 */
export const METHOD_STYLES: readonly MethodStyle[] = [
  { id: 'masl', label: 'MASL', color: OKABE_ITO.vermillion, shape: 'circle', dash: [] },
  { id: 'masl-plus', label: 'MASL+', color: OKABE_ITO.reddishPurple, shape: 'diamond', dash: [6, 3] },
  { id: 'best-response', label: 'Best response', color: OKABE_ITO.blue, shape: 'square', dash: [8, 3, 2, 3] },
  { id: 'better-response', label: 'Better response', color: OKABE_ITO.skyBlue, shape: 'triangle-up', dash: [2, 2] },
  { id: 'greedy', label: 'Greedy', color: OKABE_ITO.bluishGreen, shape: 'triangle-down', dash: [12, 3] },
  { id: 'nearest', label: 'Nearest AP', color: OKABE_ITO.orange, shape: 'cross', dash: [4, 2, 1, 2] },
  { id: 'random', label: 'Random', color: '#999999', shape: 'triangle-right', dash: [1, 2] },
  { id: 'log-linear', label: 'Log-linear', color: OKABE_ITO.yellow, shape: 'triangle-left', dash: [10, 2, 2, 2, 2, 2] },
  { id: 'exhaustive', label: 'Exhaustive (optimum)', color: OKABE_ITO.black, shape: X_MARK, dash: [5, 2, 1, 2, 1, 2] },
];

/** Styles for series that are not methods (settings, curves, strategies), taken in order. */
const GENERIC_STYLES: readonly SeriesStyle[] = [
  { color: OKABE_ITO.blue, shape: 'circle', dash: [] },
  { color: OKABE_ITO.vermillion, shape: 'square', dash: [6, 3] },
  { color: OKABE_ITO.bluishGreen, shape: 'triangle-up', dash: [2, 2] },
  { color: OKABE_ITO.reddishPurple, shape: 'diamond', dash: [8, 3, 2, 3] },
  { color: OKABE_ITO.orange, shape: 'triangle-down', dash: [12, 3] },
  { color: OKABE_ITO.skyBlue, shape: 'cross', dash: [4, 2, 1, 2] },
  { color: OKABE_ITO.black, shape: X_MARK, dash: [1, 2] },
  { color: '#999999', shape: 'triangle-right', dash: [10, 2, 2, 2, 2, 2] },
];

/**
 * The legend label of a method.
 * @param method - a solver id.
 * @returns its label, or the id itself for an unknown method.
 * @example
 * methodLabel('best-response'); // → 'Best response'
 */
export function methodLabel(method: string): string {
  return METHOD_STYLES.find((m) => m.id === method)?.label ?? method;
}

/**
 * The styles of a list of series values: a method's label (or id) gets the method's own style, any
 * other value the next unused generic style (so non-method curves are told apart by marker and dash too).
 * @param values - series values in legend order.
 * @returns one style per value, in order.
 * @example
 * seriesStyles(['MASL', 'ODE prediction'])[0].color; // → '#D55E00'
 */
export function seriesStyles(values: readonly string[]): SeriesStyle[] {
  let k = 0;
  return values.map((v) => {
    const m = METHOD_STYLES.find((s) => s.label === v || s.id === v);
    if (m) return { color: m.color, shape: m.shape, dash: m.dash };
    return GENERIC_STYLES[k++ % GENERIC_STYLES.length]!;
  });
}

/** A quantity's label, symbol and unit, for axes, tables and captions. */
export interface Quantity {
  /** Words, sentence case. */
  label: string;
  /** The paper's symbol in Unicode, if it has one. */
  symbol?: string;
  /** Unit, or '' for a pure number. */
  unit: string;
  /** Values the quantity can take: bands are clamped to it (a time is ≥ 0). */
  domain: [number, number];
}

const NON_NEGATIVE: [number, number] = [0, Number.POSITIVE_INFINITY];
const SHARE: [number, number] = [0, 1];

/** The quantities the figures and the report show (docs/spec-model.md §8 for the run metrics). */
export const QUANTITIES = {
  meanTime: { label: 'Mean completion time', symbol: 'T̄', unit: 's', domain: NON_NEGATIVE },
  potential: { label: 'Potential', symbol: 'Φ', unit: 's', domain: NON_NEGATIVE },
  expectedPotential: { label: 'Expected potential', symbol: '𝔼ₚ[Φ]', unit: 's', domain: NON_NEGATIVE },
  socialCost: { label: 'Social cost', symbol: 'C = Σᵢ Tᵢ', unit: 's', domain: NON_NEGATIVE },
  meanQuality: { label: 'Mean quality of the chosen services', symbol: 'Q', unit: '', domain: SHARE },
  qualityMet: { label: 'Share of quality demands met', unit: '', domain: SHARE },
  deadlineMet: { label: 'Share of deadlines met', unit: '', domain: SHARE },
  maxDeviationGain: { label: 'Largest gain from deviating', unit: 's', domain: NON_NEGATIVE },
  iterations: { label: 'Iterations (slots or moves)', unit: '', domain: NON_NEGATIVE },
  slotsToStop: { label: 'Slots to the stop rule', unit: '', domain: NON_NEGATIVE },
  wallTimeS: { label: 'Wall time', unit: 's', domain: NON_NEGATIVE },
  vsBestResponse: { label: 'Mean time / best response (same scenario)', unit: '', domain: NON_NEGATIVE },
  vsOptimum: { label: 'Social cost / optimum (same scenario)', unit: '', domain: NON_NEGATIVE },
  probability: { label: 'Strategy probability', symbol: 'pᵢ,ₐ', unit: '', domain: SHARE },
  slot: { label: 'Slot', unit: '', domain: NON_NEGATIVE },
  ues: { label: 'Number of UEs', symbol: 'N', unit: '', domain: NON_NEGATIVE },
  stepSize: { label: 'Step size', symbol: 'b', unit: '', domain: NON_NEGATIVE },
  qualityDemand: { label: 'Minimum quality demand', symbol: 'Aᵐⁱⁿ', unit: '', domain: SHARE },
} as const satisfies Record<string, Quantity>;

/** The name of a quantity of {@link QUANTITIES}. */
export type QuantityName = keyof typeof QUANTITIES;

/**
 * An axis title: words, symbol and unit, e.g. `Mean completion time T̄ (s)`.
 * @param q - the quantity.
 * @param opts - `symbol: false` leaves the symbol out.
 * @returns the title.
 * @example
 * axisTitle('potential'); // → 'Potential Φ (s)'
 */
export function axisTitle(q: QuantityName, opts: { symbol?: boolean } = {}): string {
  const d: Quantity = QUANTITIES[q];
  const sym = opts.symbol !== false && d.symbol ? ` ${d.symbol}` : '';
  return `${d.label}${sym}${d.unit ? ` (${d.unit})` : ''}`;
}

/** TeX-like fragments that must not reach rendered text, with their Unicode forms. */
const TEX_TO_UNICODE: ReadonlyArray<[RegExp, string]> = [
  [/E_p\[/g, '𝔼ₚ['],
  [/\bA\^min\b/g, 'Aᵐⁱⁿ'],
  [/\bT_i\^max\b/g, 'Tᵢᵐᵃˣ'],
  [/\bT\^max\b/g, 'Tᵐᵃˣ'],
  [/\bp_\{i,a\}/g, 'pᵢ,ₐ'],
  [/\bQ_g\(s\)/g, 'Q(s)'],
  [/\bA_i\b/g, 'Aᵢ'],
  [/\bT_i\b/g, 'Tᵢ'],
  [/\bθ_i\b/g, 'θᵢ'],
  [/10\^(\d)/g, '10$1'],
];

const SUPERSCRIPT_DIGITS = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/**
 * Rewrites the TeX-like fragments our data carry (series names such as `E_p[Φ]`, `A^min`) into
 * Unicode, for legends and report prose; data files keep their bytes.
 * @param s - text.
 * @returns the text with Unicode math.
 * @example
 * unicodeMath('MASL: E_p[Φ] at A^min = 0.5'); // → 'MASL: 𝔼ₚ[Φ] at Aᵐⁱⁿ = 0.5'
 */
export function unicodeMath(s: string): string {
  let out = s;
  for (const [re, rep] of TEX_TO_UNICODE) {
    out =
      rep === '10$1'
        ? out.replace(re, (_m, d: string) => `10${[...d].map((c) => SUPERSCRIPT_DIGITS[Number(c)]).join('')}`)
        : out.replace(re, rep);
  }
  return out;
}

const UNICODE_TO_LATEX: Readonly<Record<string, string>> = {
  Φ: '$\\Phi$',
  '𝔼': '$\\mathbb{E}$',
  Σ: '$\\Sigma$',
  θ: '$\\theta$',
  τ: '$\\tau$',
  '×': '$\\times$',
  '−': '$-$',
  '±': '$\\pm$',
  '≥': '$\\geq$',
  '≤': '$\\leq$',
  '·': '$\\cdot$',
  '→': '$\\to$',
  T̄: '$\\bar{T}$',
  ᵢ: '$_i$',
  ₚ: '$_p$',
  ₐ: '$_a$',
  ᵐⁱⁿ: '$^{\\min}$',
  ᵐᵃˣ: '$^{\\max}$',
};

/**
 * Text as LaTeX: special characters escaped, Unicode math as inline math (`Φ` → `$\Phi$`).
 * @param s - text.
 * @returns LaTeX source for a table cell or caption.
 * @example
 * latexText('Φ ≥ 5 % & more'); // → '$\\Phi$ $\\geq$ 5 \\% \\& more'
 */
export function latexText(s: string): string {
  let out = s.replace(/[\\{}$&%#_^~]/g, (c) =>
    c === '\\' ? '\\textbackslash{}' : c === '^' ? '\\^{}' : c === '~' ? '\\~{}' : `\\${c}`,
  );
  // Longest keys first, so that `ᵐⁱⁿ` wins over a single letter and `T̄` over `T`.
  for (const k of Object.keys(UNICODE_TO_LATEX).sort((a, b) => b.length - a.length))
    out = out.split(k).join(UNICODE_TO_LATEX[k]!);
  return out.replace(/\$\$/g, '');
}
