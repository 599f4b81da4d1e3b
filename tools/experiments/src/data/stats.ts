/**
 * Summary statistics with Student-t confidence intervals, and the t quantile they need.
 * The quantile inverts the regularised incomplete beta function (Numerical Recipes §6.4,
 * Lentz's continued fraction) by bisection: slow-ish but exact to ~1e-12, and only called
 * once per distinct sample size.
 */

function logGamma(x: number): number {
  // Lanczos approximation (g = 7, n = 9), relative error < 1e-15 for x > 0.
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = c[0]!;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

function betaContinuedFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 10_000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-15) break;
  }
  return h;
}

/** Regularised incomplete beta I_x(a, b). */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const lbt = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x);
  const bt = Math.exp(lbt);
  if (x < (a + 1) / (a + b + 2)) return (bt * betaContinuedFraction(a, b, x)) / a;
  return 1 - (bt * betaContinuedFraction(b, a, 1 - x)) / b;
}

/**
 * The CDF of Student's t distribution with `df` degrees of freedom.
 * @param t - the point.
 * @param df - degrees of freedom, > 0.
 * @returns P(T ≤ t).
 */
export function studentTCdf(t: number, df: number): number {
  const x = df / (df + t * t);
  const tail = 0.5 * incompleteBeta(x, df / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

const quantileCache = new Map<string, number>();

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
  const key = `${p}:${df}`;
  const hit = quantileCache.get(key);
  if (hit !== undefined) return hit;
  if (p === 0.5) return 0;
  const upper = p > 0.5;
  const q = upper ? p : 1 - p;
  let lo = 0;
  let hi = 1;
  while (studentTCdf(hi, df) < q) hi *= 2;
  for (let it = 0; it < 200 && hi - lo > 1e-13 * Math.max(1, hi); it++) {
    const mid = 0.5 * (lo + hi);
    if (studentTCdf(mid, df) < q) lo = mid;
    else hi = mid;
  }
  const t = 0.5 * (lo + hi);
  const r = upper ? t : -t;
  quantileCache.set(key, r);
  return r;
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

/**
 * Groups rows by a key and summarises one numeric column per group.
 * @param rows - the rows.
 * @param key - the group key of a row.
 * @param value - the value of a row.
 * @returns the groups in first-seen order with their summaries.
 */
export function groupSummaries<R>(
  rows: readonly R[],
  key: (r: R) => string,
  value: (r: R) => number,
): Array<{ key: string; first: R; summary: Summary }> {
  const groups = new Map<string, { first: R; values: number[] }>();
  for (const r of rows) {
    const k = key(r);
    let g = groups.get(k);
    if (!g) {
      g = { first: r, values: [] };
      groups.set(k, g);
    }
    g.values.push(value(r));
  }
  return [...groups].map(([k, g]) => ({ key: k, first: g.first, summary: summarize(g.values) }));
}
