/**
 * The fading expectations of the stochastic setting (docs/spec-model.md §5): for a UE at an AP with
 * mean SNR γ̄ and spectral-efficiency floor f, and Rayleigh power fading h ~ Exp(1),
 *
 *     e(h) = max(log2(1 + γ̄ h), f),     x = sqrt(D / e),
 *     E[x]  = sqrt(D) · I_{1/2},          E[x²] = D · I_1,      I_p = E[e^{-p}].
 *
 * The integrand has a kink at h* = (2^f − 1)/γ̄ where the floor takes over, so
 *
 *     I_p = f^{-p} · (1 − e^{−h*}) + ∫_{h*}^∞ log2(1 + γ̄ h)^{-p} e^{−h} dh.
 *
 * The integral is taken in t = ln h, where the integrand e^t · exp(−e^t) · log2(1 + γ̄ e^t)^{-p}
 * is analytic in a strip around the real axis of half-width about π/2 (the only singularities
 * of log2(1 + γ̄ e^t) are at t = −ln γ̄ ± iπ, and exp(−e^t) stays bounded for |Im t| ≤ π/2).
 * Composite Gauss–Legendre on panels of at most {@link DIRECT_PANEL_WIDTH} from t* = ln h* to
 * ln 45 (beyond which e^{−h} < 3e−20) therefore converges geometrically and uniformly in γ̄ and f:
 * about 1e−15 relative, at 10 nodes per panel (checked against a 40-digit decimal.js reference
 * in the tests).
 *
 * That direct rule costs up to ~300 evaluations of exp/log per call, too slow for
 * `buildGame` on 10^5 UEs × M APs. Since I_p depends on γ̄ and f only (D is a scale), for each
 * floor f the pair (I_{1/2}, I_1) is tabulated once as a piecewise Chebyshev interpolant in
 * u = ln γ̄ over [−10, 24] (γ̄ from 4.5e−5 to 2.6e10, i.e. −43 dB to 104 dB): 17 panels of width 2,
 * degree 24, built from 425 direct evaluations (a few milliseconds) and cached per floor. I_p is
 * analytic in u in the strip |Im u| < π/2, so the interpolant agrees with the direct rule to
 * ~1e−14 relative; a call then costs one logarithm and two Clenshaw sums. Outside the table the
 * direct rule is used. The result is a pure function of (D, γ̄, f): it never depends on the order
 * of calls.
 */

/** E[x] and E[x²] of one (UE, AP) pair over Rayleigh fading (docs/spec-model.md §5). */
export interface ExpectedWeights {
  /** E[x] = E[sqrt(D / e)], the weight that enters the loads S_m of the stochastic game. */
  ex: number;
  /** E[x²] = E[D / e], the weight of the UE's own term. */
  ex2: number;
}

/** Nodes per panel of the direct rule. */
export const DIRECT_NODES = 10;
/** Largest panel width, in t = ln h, of the direct rule. */
export const DIRECT_PANEL_WIDTH = 1.25;
/** The fading gain beyond which the integrand is dropped: e^{−45} ≈ 2.9e−20. */
const H_MAX = 45;
const T_MAX = Math.log(H_MAX);

const glCache = new Map<number, { x: Float64Array; w: Float64Array }>();

/**
 * Gauss–Legendre nodes and weights on [−1, 1] (Newton's method on the three-term recurrence),
 * cached per order.
 * @param n - the number of nodes, an integer in [1, 200].
 * @returns `{ x, w }`, nodes ascending, weights summing to 2.
 * @throws RangeError when n is not an integer in [1, 200].
 * @example
 * const { x, w } = gaussLegendre(2); // x → [−1/√3, 1/√3], w → [1, 1]
 */
export function gaussLegendre(n: number): { readonly x: Float64Array; readonly w: Float64Array } {
  if (!Number.isInteger(n) || n < 1 || n > 200)
    throw new RangeError(`gaussLegendre: expected an integer order in [1, 200], got ${n}`);
  const cached = glCache.get(n);
  if (cached) return cached;
  const x = new Float64Array(n);
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let z = -Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    for (let it = 0; it < 100; it++) {
      const [p, d] = legendre(n, z);
      const dz = p / d;
      z -= dz;
      if (Math.abs(dz) < 1e-16) break;
    }
    const dp = legendre(n, z)[1];
    x[i] = z;
    w[i] = 2 / ((1 - z * z) * dp * dp);
  }
  const rule = { x, w };
  glCache.set(n, rule);
  return rule;
}

/** P_n(z) and P_n'(z). */
function legendre(n: number, z: number): [number, number] {
  let p0 = 1;
  let p1 = z;
  for (let k = 2; k <= n; k++) {
    const p2 = ((2 * k - 1) * z * p1 - (k - 1) * p0) / k;
    p0 = p1;
    p1 = p2;
  }
  if (n === 1) return [z, 1];
  return [p1, (n * (z * p1 - p0)) / (z * z - 1)];
}

/**
 * The moments I_{1/2} = E[e^{−1/2}] and I_1 = E[e^{−1}] of the floored spectral efficiency
 * e = max(log2(1 + snr·h), floor), h ~ Exp(1), by the direct composite Gauss–Legendre rule in
 * t = ln h with the kink split off (see the module comment). Exposed with its rule parameters so
 * that the tests can show a coarse rule missing the 1e−9 target.
 * @param snr - mean SNR γ̄ (linear), finite and ≥ 0.
 * @param floor - the efficiency floor f > 0, bit/s/Hz.
 * @param out - receives `[I_{1/2}, I_1]`.
 * @param nodes - Gauss–Legendre nodes per panel (default {@link DIRECT_NODES}).
 * @param panelWidth - the largest panel width in t (default {@link DIRECT_PANEL_WIDTH}).
 * @returns `out`.
 * @throws RangeError on a bad snr, floor or rule.
 * @example
 * efficiencyMomentsDirect(0, 0.5, new Float64Array(2)); // → [√2, 2] (always on the floor)
 */
export function efficiencyMomentsDirect(
  snr: number,
  floor: number,
  out: Float64Array,
  nodes: number = DIRECT_NODES,
  panelWidth: number = DIRECT_PANEL_WIDTH,
): Float64Array {
  checkInputs('efficiencyMomentsDirect', snr, floor);
  if (!(panelWidth > 0) || !Number.isFinite(panelWidth)) {
    throw new RangeError(`efficiencyMomentsDirect: expected a finite panel width > 0, got ${panelWidth}`);
  }
  direct(snr, floor, out, gaussLegendre(nodes), panelWidth);
  return out;
}

function direct(
  snr: number,
  floor: number,
  out: Float64Array,
  rule: { x: Float64Array; w: Float64Array },
  width: number,
): void {
  // h* = (2^f − 1)/γ̄: below it e = f. P(h ≤ h*) = 1 − e^{−h*}, computed without cancellation.
  const hStar = Math.expm1(floor * Math.LN2) / snr;
  const below = -Math.expm1(-hStar);
  let i1 = below / Math.sqrt(floor);
  let i2 = below / floor;
  if (hStar < H_MAX) {
    const t0 = Math.log(hStar);
    const panels = Math.ceil((T_MAX - t0) / width);
    const half = (T_MAX - t0) / panels / 2;
    const { x, w } = rule;
    const n = x.length;
    const invLn2 = 1 / Math.LN2;
    for (let k = 0; k < panels; k++) {
      const mid = t0 + (2 * k + 1) * half;
      for (let j = 0; j < n; j++) {
        const h = Math.exp(mid + half * x[j]!);
        const wt = w[j]! * half * h * Math.exp(-h); // dh = h dt, density e^{−h}
        const e = Math.log1p(snr * h) * invLn2;
        i1 += wt / Math.sqrt(e);
        i2 += wt / e;
      }
    }
  }
  out[0] = i1;
  out[1] = i2;
}

function checkInputs(api: string, snr: number, floor: number): void {
  if (!(snr >= 0) || !Number.isFinite(snr)) throw new RangeError(`${api}: expected a finite snr ≥ 0, got ${snr}`);
  if (!(floor > 0) || !Number.isFinite(floor))
    throw new RangeError(`${api}: expected a finite floor > 0, got ${floor}`);
}

/** The tabulated range of u = ln γ̄, panel width and Chebyshev degree. */
const U_MIN = -10;
const U_MAX = 24;
const U_WIDTH = 2;
const PANELS = Math.round((U_MAX - U_MIN) / U_WIDTH);
const DEGREE = 24;
const TERMS = DEGREE + 1;
/** How many floors keep a table (a scenario has one floor; tests may use many). */
const TABLE_CACHE_SIZE = 16;

/** Chebyshev coefficients per floor: panel j, moment q (0: I_{1/2}, 1: I_1) at [(2j + q) · TERMS ..]. */
const tables = new Map<number, Float64Array>();
/** The last floor asked for and its table: a scenario has one floor, so this skips the map lookup. */
let lastFloor = Number.NaN;
let lastTable: Float64Array = new Float64Array(0);

function tableFor(floor: number): Float64Array {
  if (floor === lastFloor) return lastTable;
  let tab = tables.get(floor);
  if (tab) {
    lastFloor = floor;
    lastTable = tab;
    return tab;
  }
  tab = new Float64Array(PANELS * 2 * TERMS);
  const rule = gaussLegendre(DIRECT_NODES);
  const v = new Float64Array(2 * TERMS);
  const out = new Float64Array(2);
  for (let j = 0; j < PANELS; j++) {
    const mid = U_MIN + (j + 0.5) * U_WIDTH;
    for (let k = 0; k < TERMS; k++) {
      const s = Math.cos((Math.PI * (k + 0.5)) / TERMS);
      direct(Math.exp(mid + (s * U_WIDTH) / 2), floor, out, rule, DIRECT_PANEL_WIDTH);
      v[k] = out[0]!;
      v[TERMS + k] = out[1]!;
    }
    for (let q = 0; q < 2; q++) {
      for (let m = 0; m < TERMS; m++) {
        let s = 0;
        for (let k = 0; k < TERMS; k++) s += v[q * TERMS + k]! * Math.cos((Math.PI * m * (k + 0.5)) / TERMS);
        tab[(2 * j + q) * TERMS + m] = ((m === 0 ? 1 : 2) * s) / TERMS;
      }
    }
  }
  if (tables.size >= TABLE_CACHE_SIZE) {
    const oldest = tables.keys().next().value;
    if (oldest !== undefined) tables.delete(oldest);
  }
  tables.set(floor, tab);
  lastFloor = floor;
  lastTable = tab;
  return tab;
}

/**
 * The moments `[I_{1/2}, I_1]` of the floored spectral efficiency (see
 * {@link efficiencyMomentsDirect}), by the per-floor Chebyshev table when ln γ̄ ∈ [−10, 24] and
 * by the direct rule otherwise. Allocation-free after the floor's table exists.
 * @param snr - mean SNR γ̄ (linear), finite and ≥ 0.
 * @param floor - the efficiency floor f > 0.
 * @param out - receives `[I_{1/2}, I_1]`.
 * @returns `out`.
 * @throws RangeError on a bad snr or floor.
 * @example
 * efficiencyMoments(1e8, 0.1, new Float64Array(2)); // → ≈ [0.19751, 0.039071]
 */
export function efficiencyMoments(snr: number, floor: number, out: Float64Array): Float64Array {
  checkInputs('efficiencyMoments', snr, floor);
  const u = Math.log(snr);
  if (!(u >= U_MIN && u <= U_MAX)) {
    direct(snr, floor, out, gaussLegendre(DIRECT_NODES), DIRECT_PANEL_WIDTH);
    return out;
  }
  const tab = tableFor(floor);
  const j = Math.min(PANELS - 1, Math.floor((u - U_MIN) / U_WIDTH));
  const s = ((u - (U_MIN + (j + 0.5) * U_WIDTH)) * 2) / U_WIDTH;
  const s2 = 2 * s;
  for (let q = 0; q < 2; q++) {
    const base = (2 * j + q) * TERMS;
    let b1 = 0;
    let b2 = 0;
    for (let m = DEGREE; m >= 1; m--) {
      const t = s2 * b1 - b2 + tab[base + m]!;
      b2 = b1;
      b1 = t;
    }
    out[q] = s * b1 - b2 + tab[base]!;
  }
  return out;
}

const scratch = new Float64Array(2);

/**
 * E[x] and E[x²] for x = sqrt(D / max(log2(1 + snr·h), floor)), h ~ Exp(1) (Rayleigh power
 * fading), to relative error below 1e−12 (docs/spec-model.md §5 asks 1e−9).
 * @param D - the communication demand D_i, bits, finite and ≥ 0.
 * @param snr - the mean SNR γ̄_{i,m} (linear), finite and ≥ 0.
 * @param floor - the spectral-efficiency floor (`minSpectralEfficiency`), > 0.
 * @returns `{ ex, ex2 }`.
 * @throws RangeError when D, snr or floor is out of range (message starts with `expectedWeights`).
 * @example
 * expectedWeights(4, 0, 1); // → { ex: 2, ex2: 4 } (no signal: always at the floor)
 */
export function expectedWeights(D: number, snr: number, floor: number): ExpectedWeights {
  if (!(D >= 0) || !Number.isFinite(D))
    throw new RangeError(`expectedWeights: expected a finite demand D ≥ 0, got ${D}`);
  checkInputs('expectedWeights', snr, floor);
  efficiencyMoments(snr, floor, scratch);
  return { ex: Math.sqrt(D) * scratch[0]!, ex2: D * scratch[1]! };
}
