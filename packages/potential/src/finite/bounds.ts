/**
 * Rounding-error bounds of the float computations the finite-game checks make
 * (docs/proofs.md, "Error bounds of the finite-game checks"). Every decision compares a
 * computed value with a bound on the rounding error of the computation that produced it, so a
 * verdict never depends on where the payoffs sit: no tolerance relative to the payoffs' size.
 *
 * The 4-cycle sums are computed with error-free transformations (Knuth's TwoSum, Dekker's
 * TwoProduct with Veltkamp's split) and Ogita–Rump–Oishi's cascaded summation `Sum2`, whose
 * result res satisfies |res − s| ≤ u|s| + γ²_{m−1} Σ|x_k| (Ogita, Rump & Oishi 2005, Prop. 4.5).
 */

/** Unit roundoff of binary64, u = 2^−53. */
export const UNIT_ROUNDOFF = 2 ** -53;

/** Largest magnitude for which Dekker's TwoProduct cannot overflow in its split (2^995). */
export const MAX_SPLIT_MAGNITUDE = 2 ** 995;

/** Veltkamp's splitting constant 2^27 + 1. */
const SPLIT = 134217729;

/**
 * γ_n = n·u / (1 − n·u) (Higham, Accuracy and Stability of Numerical Algorithms, §3.1): the
 * relative error bound of n successive roundings.
 * @param n - number of roundings, 0 ≤ n·u < 1.
 * @returns γ_n.
 * @example
 * gamma(0); // → 0
 */
export function gamma(n: number): number {
  const nu = n * UNIT_ROUNDOFF;
  return nu / (1 - nu);
}

/**
 * Sums `m` doubles with Ogita–Rump–Oishi's `Sum2` (cascaded TwoSum) and bounds the error:
 * out[0] = the sum as computed, out[1] = a bound B with |out[0] − Σ x_k| ≤ B, namely
 * B = 2·(u·|res| + γ²_{m−1}·Σ|x_k|) / (1 − u) (the factor 2 covers the rounding of B itself).
 * No allocation: reads `x[0..m)`, writes `out[0..2)`.
 * @param x - the terms.
 * @param m - how many terms, m ≥ 1.
 * @param out - receives [sum, bound].
 * @returns nothing; the result is in `out`.
 * @example
 * const out = new Float64Array(2);
 * sum2WithBound(Float64Array.of(1e16, 1, -1e16), 3, out);
 * out[0]; // → 1
 */
export function sum2WithBound(x: Float64Array, m: number, out: Float64Array): void {
  let s = x[0]!;
  let e = 0;
  let abs = Math.abs(s);
  for (let k = 1; k < m; k++) {
    const b = x[k]!;
    const t = s + b;
    const bb = t - s;
    e += s - (t - bb) + (b - bb);
    s = t;
    abs += Math.abs(b);
  }
  const res = s + e;
  const g = gamma(m - 1);
  out[0] = res;
  out[1] = (2 * (UNIT_ROUNDOFF * Math.abs(res) + g * g * abs)) / (1 - UNIT_ROUNDOFF);
}

/**
 * Dekker's TwoProduct: writes the exact product a·b as out[k] + out[k+1] (rounded product and
 * its exact error), valid for |a|, |b| ≤ 2^995 and products away from the subnormal range.
 * @param a - a factor.
 * @param b - a factor.
 * @param out - receives the pair at `out[k]`, `out[k + 1]`.
 * @param k - where to write.
 * @returns nothing; the result is in `out`.
 * @example
 * const out = new Float64Array(2);
 * twoProductInto(3, 0.1, out, 0);
 * out[0] + out[1] === 3 * 0.1; // → true (out[1] is the part 3 * 0.1 lost)
 */
export function twoProductInto(a: number, b: number, out: Float64Array, k: number): void {
  const p = a * b;
  let t = SPLIT * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b);
  const bl = b - bh;
  out[k] = p;
  out[k + 1] = ah * bh - p + ah * bl + al * bh + al * bl;
}
