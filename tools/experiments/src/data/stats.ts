/**
 * Summary statistics with Student-t confidence intervals. The t quantile comes from stdlib
 * (`@stdlib/stats-base-dists-t-quantile`, the inverse regularised incomplete beta function),
 * a maintained and tested implementation rather than a hand-written one.
 */
import tQuantile from '@stdlib/stats-base-dists-t-quantile';

/**
 * The p-quantile of Student's t distribution.
 * @param p - probability in (0, 1).
 * @param df - degrees of freedom, > 0.
 * @returns t with P(T ≤ t) = p.
 * @throws RangeError when p is not in (0, 1) or df is not positive.
 * @example
 * studentTQuantile(0.975, 10); // → 2.2281388519649...
 */
export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`studentTQuantile: expected p in (0, 1), got ${p}`);
  if (!(df > 0)) throw new RangeError(`studentTQuantile: expected df > 0, got ${df}`);
  return tQuantile(p, df);
}

/** Mean, spread and a two-sided Student-t confidence interval of a sample. */
export interface Summary {
  n: number;
  mean: number;
  /** Sample standard deviation (n − 1 denominator); NaN when n < 2. */
  sd: number;
  /** Half width of the confidence interval; NaN when n < 2. */
  halfWidth: number;
  ciLow: number;
  ciHigh: number;
}

/**
 * Summarises a sample with a Student-t confidence interval (non-finite values are skipped).
 * @param values - the sample.
 * @param level - confidence level (default 0.95).
 * @returns n, mean, sd and the interval (NaN parts when there are too few values).
 * @example
 * summarize([1, 2, 3]).halfWidth; // → 2.4841377... (t_{0.975,2} · 1/√3)
 */
export function summarize(values: ArrayLike<number>, level = 0.95): Summary {
  let n = 0;
  let mean = 0;
  let m2 = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    n++;
    const d = v - mean; // Welford: stable for values of any magnitude
    mean += d / n;
    m2 += d * (v - mean);
  }
  if (n === 0)
    return { n, mean: Number.NaN, sd: Number.NaN, halfWidth: Number.NaN, ciLow: Number.NaN, ciHigh: Number.NaN };
  if (n === 1) return { n, mean, sd: Number.NaN, halfWidth: Number.NaN, ciLow: Number.NaN, ciHigh: Number.NaN };
  const sd = Math.sqrt(m2 / (n - 1));
  const halfWidth = studentTQuantile(1 - (1 - level) / 2, n - 1) * (sd / Math.sqrt(n));
  return { n, mean, sd, halfWidth, ciLow: mean - halfWidth, ciHigh: mean + halfWidth };
}
