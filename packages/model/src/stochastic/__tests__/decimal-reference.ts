/**
 * A slow, high-precision oracle for the fading moments of docs/spec-model.md §5, in decimal.js: used by
 * the fixture script (`generate-quadrature-fixtures.ts`) and, on a few cheap cases, live in the tests.
 *
 * I_p = E[max(log2(1 + γ̄ h), f)^{-p}], h ~ Exp(1), as two integrals split at the kink h*:
 *   [0, min(h*, H)]: f^{-p} e^{−h}, in h (Gauss–Legendre is exact up to the exponential's tail);
 *   [h*, H]: log2(1 + γ̄ h)^{-p} e^{−h}, in t = ln h, on panels of a given width.
 * H = 100 (the dropped tail is below e^{−100} ≈ 4e−44). The floor region is integrated, not taken
 * in closed form, so the oracle does not share that step with the code under test.
 */
import Decimal from 'decimal.js';

/** A decimal.js constructor at the given number of significant digits. */
export function decimalAt(digits: number): typeof Decimal {
  return Decimal.clone({ precision: digits, rounding: Decimal.ROUND_HALF_EVEN });
}

const glCache = new Map<string, { x: Decimal[]; w: Decimal[] }>();

/**
 * Gauss–Legendre nodes and weights on [−1, 1] at `digits` significant digits (Newton's method
 * started from the double-precision asymptotic guess).
 */
export function decimalGaussLegendre(n: number, digits: number): { x: Decimal[]; w: Decimal[] } {
  const key = `${n}:${digits}`;
  const hit = glCache.get(key);
  if (hit) return hit;
  const Dec = decimalAt(digits + 10);
  const tol = new Dec(10).pow(-(digits + 5));
  const x: Decimal[] = [];
  const w: Decimal[] = [];
  for (let i = 0; i < n; i++) {
    let z = new Dec(-Math.cos((Math.PI * (i + 0.75)) / (n + 0.5)));
    let dp = new Dec(1);
    for (let it = 0; it < 200; it++) {
      let p0 = new Dec(1);
      let p1 = z;
      for (let k = 2; k <= n; k++) {
        const p2 = z
          .times(p1)
          .times(2 * k - 1)
          .minus(p0.times(k - 1))
          .div(k);
        p0 = p1;
        p1 = p2;
      }
      dp = z.times(p1).minus(p0).times(n).div(z.times(z).minus(1));
      const dz = p1.div(dp);
      z = z.minus(dz);
      if (dz.abs().lt(tol)) break;
    }
    x.push(z);
    w.push(new Dec(2).div(new Dec(1).minus(z.times(z)).times(dp).times(dp)));
  }
  const rule = { x, w };
  glCache.set(key, rule);
  return rule;
}

/** Options of {@link referenceMoments}. */
export interface ReferenceOptions {
  /** Working precision, significant digits (default 40). */
  digits?: number;
  /** Gauss–Legendre nodes per panel (default 20). */
  nodes?: number;
  /** Largest panel width in t = ln h (default 0.5). */
  panelWidth?: number;
}

/**
 * I_{1/2} and I_1 at `digits` significant digits.
 * @param snr - γ̄ (linear).
 * @param floor - f, bit/s/Hz.
 * @param options - precision and rule.
 * @returns `{ i1: I_{1/2}, i2: I_1 }` as decimals.
 */
export function referenceMoments(
  snr: number,
  floor: number,
  options: ReferenceOptions = {},
): { i1: Decimal; i2: Decimal } {
  const digits = options.digits ?? 40;
  const n = options.nodes ?? 20;
  const width = options.panelWidth ?? 0.5;
  const Dec = decimalAt(digits);
  const { x, w } = decimalGaussLegendre(n, digits);
  const g = new Dec(snr);
  const f = new Dec(floor);
  const ln2 = new Dec(2).ln();
  const H = new Dec(100);
  // h* = (2^f − 1)/γ̄
  const hStar = g.isZero() ? H : Dec.min(new Dec(2).pow(f).minus(1).div(g), H);
  let i1 = new Dec(0);
  let i2 = new Dec(0);
  // Floor region, integrated in h on panels of width ≤ 2: e^{−h} is entire, and n Gauss nodes
  // on a half-width of 1 are exact to about 1/(2n)! relative (checked by the fixture script).
  const floorPanels = Math.max(1, Math.ceil(hStar.toNumber() / 2));
  const fm1 = f.pow(-0.5);
  const fm2 = new Dec(1).div(f);
  for (let k = 0; k < floorPanels; k++) {
    const a = hStar.times(k).div(floorPanels);
    const half = hStar.div(2 * floorPanels);
    const mid = a.plus(half);
    let s = new Dec(0);
    for (let j = 0; j < n; j++) s = s.plus(w[j]!.times(mid.plus(half.times(x[j]!)).neg().exp()));
    s = s.times(half);
    i1 = i1.plus(s.times(fm1));
    i2 = i2.plus(s.times(fm2));
  }
  if (hStar.lt(H)) {
    const t0 = hStar.ln();
    const t1 = H.ln();
    const panels = Math.ceil(t1.minus(t0).toNumber() / width);
    const half = t1.minus(t0).div(2 * panels);
    for (let k = 0; k < panels; k++) {
      const mid = t0.plus(half.times(2 * k + 1));
      for (let j = 0; j < n; j++) {
        const h = mid.plus(half.times(x[j]!)).exp();
        const wt = w[j]!.times(half).times(h).times(h.neg().exp());
        const e = g.times(h).plus(1).ln().div(ln2);
        i1 = i1.plus(wt.div(e.sqrt()));
        i2 = i2.plus(wt.div(e));
      }
    }
  }
  return { i1, i2 };
}
