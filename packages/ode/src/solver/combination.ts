/**
 * The vector kernels of the generic Runge–Kutta step. A linear combination
 * `out = y + h Σ_j c_j k_j` is dispatched on its number of terms to a fused loop with the stage
 * vectors in locals (one pass over memory, no inner loop over stages; generated into
 * `kernels.ts` by `scripts/generate-kernels.mjs`), which V8 compiles to straight-line code;
 * longer rows are summed in groups. The error norm of a single estimator is fused the same way
 * (one pass, no error vector). Sums run left to right in stage order, as in Hairer's Fortran
 * loops, so DOPRI5 results agree with dopri5.f operation by operation.
 */
import { fusedCombination, fusedErrorSquares, MAX_FUSED } from './kernels.js';

/** A sparse row of coefficients: the nonzero entries of one row of A, b, e or d. */
export interface SparseRow {
  readonly idx: Int32Array;
  readonly coef: Float64Array;
}

/**
 * Keeps the nonzero entries of a coefficient row.
 * @param row - the dense row.
 * @returns its nonzero entries, in order.
 * @example
 * sparseRow([0.5, 0, 0.25]).idx; // → Int32Array [0, 2]
 */
export function sparseRow(row: readonly number[]): SparseRow {
  const idx: number[] = [];
  const coef: number[] = [];
  row.forEach((v, j) => {
    if (v !== 0) {
      idx.push(j);
      coef.push(v);
    }
  });
  return { idx: Int32Array.from(idx), coef: Float64Array.from(coef) };
}

/** A shared read-only zero vector (grown on demand): the base of pure combinations. */
export const ZERO_BASE = {
  buf: new Float64Array(0),
  of(n: number): Float64Array {
    if (this.buf.length < n) this.buf = new Float64Array(n);
    return this.buf;
  },
};

/** tmp = Σ_j coef_j ks[idx_j] for a row longer than MAX_FUSED: the first MAX_FUSED terms fused, then each further one, left to right. */
function groupedSum(tmp: Float64Array, ks: readonly Float64Array[], row: SparseRow, n: number): void {
  fusedCombination(tmp, ZERO_BASE.of(n), 1, ks, row.idx, row.coef, MAX_FUSED, n);
  for (let j = MAX_FUSED; j < row.idx.length; j++) {
    const kj = ks[row.idx[j]!]!;
    const cj = row.coef[j]!;
    for (let q = 0; q < n; q++) tmp[q] = tmp[q]! + cj * kj[q]!;
  }
}

/**
 * out = y + h Σ_j coef_j ks[idx_j]: a stage state, the new solution, or with a zero `y` a
 * dense-output or error vector. `out` must not alias a vector of `ks`.
 * @param out - receives the result, length ≥ n.
 * @param y - base vector.
 * @param h - step size (multiplies the sum).
 * @param ks - stage derivative vectors.
 * @param row - sparse coefficients.
 * @param n - dimension.
 * @param tmp - scratch of length ≥ n (used only for rows longer than MAX_FUSED).
 */
export function linearCombination(
  out: Float64Array,
  y: Float64Array,
  h: number,
  ks: readonly Float64Array[],
  row: SparseRow,
  n: number,
  tmp: Float64Array,
): void {
  const m = row.idx.length;
  if (m === 0) {
    for (let q = 0; q < n; q++) out[q] = y[q]!;
  } else if (m === 1) {
    // Hairer's form Y + (H*A21)*K1 for a single term
    const k0 = ks[row.idx[0]!]!;
    const hc = h * row.coef[0]!;
    for (let q = 0; q < n; q++) out[q] = y[q]! + hc * k0[q]!;
  } else if (!fusedCombination(out, y, h, ks, row.idx, row.coef, m, n)) {
    groupedSum(tmp, ks, row, n);
    for (let q = 0; q < n; q++) out[q] = y[q]! + h * tmp[q]!;
  }
}

/**
 * Hairer's scaled sum of squares for a single estimator, Σ_i (h (Σ_j e_j k_j)_i / sk_i)² with
 * sk_i = atol_i + rtol_i·max(|y_i|, |y_new,i|), fused in one pass; `out[1]` is a probe that is
 * NaN exactly when y_new has a non-finite entry (0 otherwise).
 * @param y - state at t.
 * @param yNew - candidate state at t + h.
 * @param h - step size.
 * @param ks - stage derivatives.
 * @param row - sparse error coefficients e = b − b̂ (at most MAX_FUSED terms).
 * @param atol - absolute tolerances (length n, or length ≥ 1 when `scalarTol`).
 * @param rtol - relative tolerances (likewise).
 * @param scalarTol - all tolerances equal: read atol[0], rtol[0] only.
 * @param n - dimension.
 * @param out - receives [sum, probe].
 * @throws RangeError when the row is empty or longer than MAX_FUSED.
 */
export function errorSquares(
  y: Float64Array,
  yNew: Float64Array,
  h: number,
  ks: readonly Float64Array[],
  row: SparseRow,
  atol: Float64Array,
  rtol: Float64Array,
  scalarTol: boolean,
  n: number,
  out: Float64Array,
): void {
  const m = row.idx.length;
  if (!fusedErrorSquares(y, yNew, h, ks, row.idx, row.coef, atol, rtol, scalarTol, m, n, out))
    throw new RangeError(`errorSquares: expected 1..${MAX_FUSED} error terms, got ${m}`);
}

/**
 * Hairer's scaled sum of squares Σ_i (err_i / sk_i)² of a given error vector, with the same
 * non-finite probe in `out[1]`.
 * @param err - the error vector.
 * @param y - state at t.
 * @param yNew - candidate state at t + h.
 * @param atol - absolute tolerances.
 * @param rtol - relative tolerances.
 * @param n - dimension.
 * @param out - receives [sum, probe].
 */
export function scaledSquares(
  err: Float64Array,
  y: Float64Array,
  yNew: Float64Array,
  atol: Float64Array,
  rtol: Float64Array,
  n: number,
  out: Float64Array,
): void {
  let s = 0;
  let probe = 0;
  for (let i = 0; i < n; i++) {
    const yn = yNew[i]!;
    probe += yn - yn;
    const sk = atol[i]! + rtol[i]! * Math.max(Math.abs(y[i]!), Math.abs(yn));
    const r = err[i]! / sk;
    s += r * r;
  }
  out[0] = s;
  out[1] = probe;
}

/**
 * True when every entry of v[0..n) is finite.
 * @param v - the vector.
 * @param n - dimension.
 * @returns whether all entries are finite.
 */
export function allFinite(v: Float64Array, n: number): boolean {
  let probe = 0;
  for (let i = 0; i < n; i++) {
    const x = v[i]!;
    probe += x - x;
  }
  return probe === 0;
}
