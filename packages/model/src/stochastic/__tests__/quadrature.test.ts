import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  DIRECT_NODES,
  DIRECT_PANEL_WIDTH,
  efficiencyMoments,
  efficiencyMomentsDirect,
  expectedWeights,
  gaussLegendre,
} from '../quadrature.js';
import { referenceMoments } from './decimal-reference.js';

interface Fixture {
  worstSelfAgreement: number;
  cases: Array<{ snr: number; floor: number; eInvSqrt: string; eInv: string }>;
}
const here = dirname(fileURLToPath(import.meta.url));
const fixture = JSON.parse(readFileSync(join(here, 'fixtures', 'quadrature.json'), 'utf8')) as Fixture;

/** Largest relative error of a moment rule over the fixture grid. */
function worstOverFixture(rule: (snr: number, floor: number, out: Float64Array) => Float64Array): {
  err: number;
  at: [number, number];
} {
  const out = new Float64Array(2);
  let err = 0;
  let at: [number, number] = [Number.NaN, Number.NaN];
  for (const c of fixture.cases) {
    rule(c.snr, c.floor, out);
    const e = Math.max(Math.abs(out[0]! / Number(c.eInvSqrt) - 1), Math.abs(out[1]! / Number(c.eInv) - 1));
    if (!(e <= err)) {
      err = e;
      at = [c.snr, c.floor];
    }
  }
  return { err, at };
}

describe('the quadrature fixture', () => {
  it('covers SNRs from 1e-3 to 1e8 and floors from 0.01 to 1, converged to 1e-30', () => {
    const snrs = fixture.cases.map((c) => c.snr);
    const floors = fixture.cases.map((c) => c.floor);
    expect(Math.min(...snrs)).toBeLessThanOrEqual(1e-3);
    expect(Math.max(...snrs)).toBeGreaterThanOrEqual(1e8);
    expect(Math.min(...floors)).toBeLessThanOrEqual(0.01);
    expect(Math.max(...floors)).toBeGreaterThanOrEqual(1);
    expect(fixture.cases.length).toBeGreaterThanOrEqual(80);
    expect(fixture.worstSelfAgreement).toBeLessThan(1e-30);
  });

  it('is what the committed decimal.js reference computes (one case recomputed live)', () => {
    const c = fixture.cases.find((k) => k.snr === 10 && k.floor === 0.3)!;
    const r = referenceMoments(c.snr, c.floor, { digits: 40, nodes: 20, panelWidth: 0.5 });
    expect(r.i1.minus(c.eInvSqrt).div(c.eInvSqrt).abs().toNumber()).toBeLessThan(1e-28);
    expect(r.i2.minus(c.eInv).div(c.eInv).abs().toNumber()).toBeLessThan(1e-28);
  });
});

describe('expectedWeights', () => {
  it('agrees with the 40-digit reference to 1e-12 relative on the whole fixture grid (the target is 1e-9)', () => {
    for (const D of [1, 8.008e6]) {
      let worst = 0;
      for (const c of fixture.cases) {
        const w = expectedWeights(D, c.snr, c.floor);
        worst = Math.max(
          worst,
          Math.abs(w.ex / (Math.sqrt(D) * Number(c.eInvSqrt)) - 1),
          Math.abs(w.ex2 / (D * Number(c.eInv)) - 1),
        );
      }
      expect(worst).toBeLessThan(1e-12);
    }
  });

  it('is sqrt(D/f) and D/f when there is no signal (always on the floor)', () => {
    const w = expectedWeights(8e6, 0, 0.25);
    expect(Math.abs(w.ex / Math.sqrt(8e6 / 0.25) - 1)).toBeLessThan(1e-15);
    expect(Math.abs(w.ex2 / (8e6 / 0.25) - 1)).toBeLessThan(1e-15);
  });

  it('tends to the floor value as the SNR vanishes and to (log2 γ̄)^-p as it grows', () => {
    const lo = expectedWeights(1, 1e-4, 1); // h* = 1e4: P(above the floor) = e^-1e4
    expect(Math.abs(lo.ex - 1)).toBeLessThan(1e-14);
    const hi = expectedWeights(1, 1e10, 0.1);
    // E[log2(γ̄h)] = log2 γ̄ − γ/ln 2 (γ Euler's constant); the spread of log2 h is a few bits out of 33.
    const meanE = Math.log2(1e10) - 0.5772156649 / Math.LN2;
    expect(Math.abs(hi.ex2 * meanE - 1)).toBeLessThan(0.01);
  });

  it('scales as sqrt(D) and D', () => {
    const a = expectedWeights(1, 37.5, 0.2);
    const b = expectedWeights(4e6, 37.5, 0.2);
    expect(Math.abs(b.ex / (2000 * a.ex) - 1)).toBeLessThan(1e-15);
    expect(Math.abs(b.ex2 / (4e6 * a.ex2) - 1)).toBeLessThan(1e-15);
  });

  it('does not depend on the order of calls: a floor whose table was evicted gives the same bits again', () => {
    const first = expectedWeights(1e6, 123.4, 0.137);
    for (let j = 0; j < 40; j++) expectedWeights(1e6, 5, 0.5 + j / 100); // fills and cycles the table cache
    const again = expectedWeights(1e6, 123.4, 0.137);
    expect(again.ex).toBe(first.ex);
    expect(again.ex2).toBe(first.ex2);
  });

  it('rejects bad arguments with a RangeError naming the API', () => {
    expect(() => expectedWeights(-1, 1, 0.1)).toThrow(/^expectedWeights: expected a finite demand/);
    expect(() => expectedWeights(Number.NaN, 1, 0.1)).toThrow(RangeError);
    expect(() => expectedWeights(1, -1, 0.1)).toThrow(/^expectedWeights: expected a finite snr/);
    expect(() => expectedWeights(1, Number.POSITIVE_INFINITY, 0.1)).toThrow(RangeError);
    expect(() => expectedWeights(1, 1, 0)).toThrow(/^expectedWeights: expected a finite floor > 0, got 0/);
    expect(() => expectedWeights(1, 1, Number.NaN)).toThrow(RangeError);
  });
});

describe('efficiencyMomentsDirect', () => {
  it('agrees with the 40-digit reference to 1e-13 relative on the fixture grid', () => {
    const { err } = worstOverFixture((g, f, out) => efficiencyMomentsDirect(g, f, out));
    expect(err).toBeLessThan(1e-13);
  });

  it('agrees with the tabulated path to 1e-13 over SNRs from -43 dB to 104 dB', () => {
    const a = new Float64Array(2);
    const b = new Float64Array(2);
    let worst = 0;
    for (const f of [0.01, 0.07, 0.5, 1]) {
      for (let j = 0; j <= 680; j++) {
        const snr = Math.exp(-10 + (34 * (j + 0.31)) / 681);
        efficiencyMoments(snr, f, a);
        efficiencyMomentsDirect(snr, f, b);
        worst = Math.max(worst, Math.abs(a[0]! / b[0]! - 1), Math.abs(a[1]! / b[1]! - 1));
      }
    }
    expect(worst).toBeLessThan(1e-13);
  });

  it('negative control: a coarse rule (4 nodes on panels of width 4) misses 1e-9 on the fixture grid', () => {
    const { err } = worstOverFixture((g, f, out) => efficiencyMomentsDirect(g, f, out, 4, 4));
    expect(err).toBeGreaterThan(1e-9);
    // …while the production rule, with the same code path, does not:
    expect(
      worstOverFixture((g, f, out) => efficiencyMomentsDirect(g, f, out, DIRECT_NODES, DIRECT_PANEL_WIDTH)).err,
    ).toBeLessThan(1e-13);
  });

  it('negative control: the production rule without the split at the kink misses 1e-9', () => {
    // Same nodes and panel width, integrating max(log2(1+γ̄h), f)^-p e^-h over t = ln h from
    // ln(1e-12) with the kink inside a panel: the integrand is only continuous there.
    const { x, w } = gaussLegendre(DIRECT_NODES);
    const unsplit = (snr: number, floor: number, out: Float64Array): Float64Array => {
      const t0 = Math.log(1e-12);
      const t1 = Math.log(45);
      const panels = Math.ceil((t1 - t0) / DIRECT_PANEL_WIDTH);
      const half = (t1 - t0) / panels / 2;
      let i1 = -Math.expm1(-1e-12) / Math.sqrt(floor);
      let i2 = -Math.expm1(-1e-12) / floor;
      for (let k = 0; k < panels; k++) {
        const mid = t0 + (2 * k + 1) * half;
        for (let j = 0; j < x.length; j++) {
          const h = Math.exp(mid + half * x[j]!);
          const e = Math.max(Math.log2(1 + snr * h), floor);
          i1 += (w[j]! * half * h * Math.exp(-h)) / Math.sqrt(e);
          i2 += (w[j]! * half * h * Math.exp(-h)) / e;
        }
      }
      out[0] = i1;
      out[1] = i2;
      return out;
    };
    expect(worstOverFixture(unsplit).err).toBeGreaterThan(1e-9);
  });

  it('rejects a bad rule', () => {
    expect(() => efficiencyMomentsDirect(1, 0.1, new Float64Array(2), 10, 0)).toThrow(
      /^efficiencyMomentsDirect: expected a finite panel width/,
    );
    expect(() => efficiencyMomentsDirect(1, 0.1, new Float64Array(2), 0)).toThrow(/^gaussLegendre: /);
  });
});

describe('gaussLegendre', () => {
  it('integrates polynomials of degree 2n−1 exactly over [−1, 1], and its weights sum to 2', () => {
    for (const n of [1, 2, 5, 10, 24]) {
      const { x, w } = gaussLegendre(n);
      let sumW = 0;
      let top = 0; // ∫ x^(2n−2) dx = 2/(2n−1); odd powers vanish
      let odd = 0;
      for (let j = 0; j < n; j++) {
        sumW += w[j]!;
        top += w[j]! * x[j]! ** (2 * n - 2);
        odd += w[j]! * x[j]! ** (2 * n - 1);
      }
      expect(Math.abs(sumW - 2)).toBeLessThan(1e-14);
      expect(Math.abs(top - 2 / (2 * n - 1))).toBeLessThan(1e-14);
      expect(Math.abs(odd)).toBeLessThan(1e-14);
    }
  });

  it('negative control: it is not exact for degree 2n', () => {
    const n = 5;
    const { x, w } = gaussLegendre(n);
    let s = 0;
    for (let j = 0; j < n; j++) s += w[j]! * x[j]! ** (2 * n);
    expect(Math.abs(s - 2 / (2 * n + 1))).toBeGreaterThan(1e-6);
  });

  it('rejects orders outside [1, 200]', () => {
    expect(() => gaussLegendre(0)).toThrow(/^gaussLegendre: expected an integer order in \[1, 200\], got 0/);
    expect(() => gaussLegendre(2.5)).toThrow(RangeError);
  });
});
