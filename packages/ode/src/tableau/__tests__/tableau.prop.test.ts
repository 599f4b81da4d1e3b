import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fcParams } from '@jcaco/model/arbitraries';
import { DOP853, DOPRI5, METHODS, RK4 } from '../methods.js';
import { algebraicOrder, denseOrderResiduals } from '../order-conditions.js';
import { tableauConsistency, type ButcherTableau } from '../tableau.js';

const tableaux = Object.values(METHODS);
const worst = (t: ButcherTableau): number => {
  const c = tableauConsistency(t);
  return Math.max(c.weightSum, c.rowSums, c.embeddedSum, c.fsal, c.denseRowSums);
};

/** A copy of `tab` with one entry of c, A or b changed by `delta`. */
function perturb(tab: ButcherTableau, which: number, delta: number): ButcherTableau {
  const s = tab.b.length;
  const entries: Array<['c', number] | ['a', number, number] | ['b', number]> = [];
  for (let i = 1; i < s; i++) entries.push(['c', i]);
  for (let i = 1; i < s; i++) for (let j = 0; j < i; j++) entries.push(['a', i, j]);
  for (let j = 0; j < s; j++) entries.push(['b', j]);
  const e = entries[which % entries.length]!;
  const c = [...tab.c];
  const a = tab.a.map((r) => [...r]);
  const b = [...tab.b];
  if (e[0] === 'c') c[e[1]] = c[e[1]]! + delta;
  else if (e[0] === 'a') a[e[1]]![e[2]] = a[e[1]]![e[2]]! + delta;
  else b[e[1]] = b[e[1]]! + delta;
  // for an FSAL tableau a changed b also breaks 'last row of A = b', which the check reports
  return { ...tab, c, a, b };
}

describe('tableau consistency (Σb = 1, row sums of A equal c)', () => {
  it('holds to rounding for every built-in tableau, and any single-entry change of c, A or b is detected', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...tableaux),
        fc.nat(),
        fc.double({ min: 1e-6, max: 0.5, noNaN: true }),
        fc.boolean(),
        (tab, which, size, neg) => {
          expect(worst(tab)).toBeLessThan(1e-14);
          const bad = perturb(tab, which, neg ? -size : size);
          // negative control: the perturbed tableau violates a consistency condition
          expect(worst(bad)).toBeGreaterThan(1e-7);
        },
      ),
      fcParams(60),
    );
  });
});

describe('order conditions', () => {
  it('RK4, DOPRI5 and DOP853 satisfy every order condition up to p; perturbing one weight pair keeps Σb but loses order', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(RK4, DOPRI5, DOP853),
        fc.nat(),
        fc.nat(),
        fc.double({ min: 1e-4, max: 0.1, noNaN: true }),
        (tab, i0, j0, delta) => {
          expect(algebraicOrder(tab)).toBe(tab.order);
          const s = tab.b.length;
          const i = i0 % s;
          let j = j0 % s;
          if (j === i) j = (j + 1) % s;
          const b = [...tab.b];
          b[i] = b[i]! + delta;
          b[j] = b[j]! - delta;
          const bad = { ...tab, b };
          // Σb is unchanged, so this is invisible to the consistency check ...
          expect(tableauConsistency(bad).weightSum).toBeLessThan(1e-12);
          // ... but the order conditions see it (stages with equal c still differ in their higher elementary weights)
          expect(algebraicOrder(bad)).toBeLessThan(tab.order);
        },
      ),
      fcParams(60),
    );
  });

  it('the continuous extensions of DOPRI5 and DOP853 have their order for every θ in [0, 1]; a scaled dense row loses it', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.constantFrom(DOPRI5, DOP853),
        fc.double({ min: 1e-3, max: 0.5, noNaN: true }),
        (theta, tab, eps) => {
          expect(Math.max(...denseOrderResiduals(tab, theta))).toBeLessThan(1e-13);
          const d = tab.dense!.d.map((r, m) => (m === 0 ? r.map((v) => v * (1 + eps)) : [...r]));
          const bad = { ...tab, dense: { ...tab.dense!, d } };
          const r = Math.max(...denseOrderResiduals(bad, theta));
          // the d rows enter with the factor θ²(1−θ)², so the defect vanishes only at the ends
          const w = theta * theta * (1 - theta) * (1 - theta);
          if (w > 1e-3) expect(r).toBeGreaterThan(1e-9);
        },
      ),
      fcParams(60),
    );
  });
});
