/**
 * Brent's method ("zeroin": R. P. Brent, *Algorithms for Minimization without Derivatives*, 1973,
 * ch. 4): a bracketing root finder combining bisection, secant and inverse quadratic
 * interpolation; it never leaves the bracket and converges superlinearly on smooth functions.
 * @param g - the function.
 * @param a - one end of the bracket.
 * @param b - the other end.
 * @param ga - g(a) (already known).
 * @param gb - g(b), of opposite sign to ga or zero.
 * @param xtol - absolute tolerance on the root (0 for machine precision).
 * @param maxIter - iteration cap (default 200).
 * @returns the root estimate (the bracket end where |g| is smallest when it stops).
 * @throws RangeError when g(a) and g(b) have the same nonzero sign.
 * @example
 * brentRoot((x) => x * x - 2, 0, 2, -2, 2); // → 1.4142135623730951
 */
export function brentRoot(
  g: (x: number) => number,
  a: number,
  b: number,
  ga: number,
  gb: number,
  xtol = 0,
  maxIter = 200,
): number {
  if (ga === 0) return a;
  if (gb === 0) return b;
  if (ga > 0 === gb > 0)
    throw new RangeError(`brentRoot: expected g(a) and g(b) of opposite signs, got ${ga} and ${gb}`);
  let fa = ga;
  let fb = gb;
  let c = a;
  let fc = fa;
  let d = b - a;
  let e = d;
  for (let iter = 0; iter < maxIter; iter++) {
    if (fb > 0 === fc > 0) {
      c = a;
      fc = fa;
      d = b - a;
      e = d;
    }
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const tol = 2 * Number.EPSILON * Math.abs(b) + 0.5 * xtol;
    const m = 0.5 * (c - b);
    if (Math.abs(m) <= tol || fb === 0) return b;
    if (Math.abs(e) < tol || Math.abs(fa) <= Math.abs(fb)) {
      d = m;
      e = m;
    } else {
      let p: number;
      let q: number;
      const sRatio = fb / fa;
      if (a === c) {
        p = 2 * m * sRatio;
        q = 1 - sRatio;
      } else {
        const qa = fa / fc;
        const r = fb / fc;
        p = sRatio * (2 * m * qa * (qa - r) - (b - a) * (r - 1));
        q = (qa - 1) * (r - 1) * (sRatio - 1);
      }
      if (p > 0) q = -q;
      else p = -p;
      if (2 * p < Math.min(3 * m * q - Math.abs(tol * q), Math.abs(e * q))) {
        e = d;
        d = p / q;
      } else {
        d = m;
        e = m;
      }
    }
    a = b;
    fa = fb;
    b += Math.abs(d) > tol ? d : m > 0 ? tol : -tol;
    fb = g(b);
  }
  return b;
}
