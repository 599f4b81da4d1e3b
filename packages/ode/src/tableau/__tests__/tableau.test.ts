import { describe, expect, it } from 'vitest';
import { DOP853, DOPRI5, EULER, HEUN, METHODS, RK4 } from '../methods.js';
import {
  algebraicOrder,
  denseOrderResiduals,
  denseWeights,
  embeddedOrderResiduals,
  orderConditionResiduals,
  rootedTrees,
} from '../order-conditions.js';
import { tableauConsistency, validateTableau, type ButcherTableau } from '../tableau.js';

type Mutable = { -readonly [K in keyof ButcherTableau]: ButcherTableau[K] };
const clone = (t: ButcherTableau): Mutable => structuredClone(t) as Mutable;
const max = (xs: number[]): number => Math.max(...xs);

describe('rootedTrees', () => {
  it('counts 1, 1, 2, 4, 9, 20, 48, 115 trees of orders 1..8 (OEIS A000081)', () => {
    const t = rootedTrees(8);
    const counts = [1, 2, 3, 4, 5, 6, 7, 8].map((q) => t.order.filter((o) => o === q).length);
    expect(counts).toEqual([1, 1, 2, 4, 9, 20, 48, 115]);
  });

  it('gives the densities of the order-3 trees: γ = 3 for the bushy tree and 6 for the tall one', () => {
    const t = rootedTrees(3);
    const g3 = t.gamma.filter((_, i) => t.order[i] === 3).sort((a, b) => a - b);
    expect(g3).toEqual([3, 6]);
  });

  it('rejects orders outside 1..12', () => {
    expect(() => rootedTrees(0)).toThrow(/^rootedTrees: expected an integer order in 1..12/);
    expect(() => rootedTrees(2.5)).toThrow(RangeError);
  });
});

describe('built-in tableaux', () => {
  it.each(Object.values(METHODS).map((t) => [t.name, t] as const))(
    '%s is consistent: Σb = 1, row sums equal c, FSAL row equals b',
    (_n, tab) => {
      validateTableau(tab);
      const c = tableauConsistency(tab);
      expect(c.weightSum).toBeLessThan(1e-15);
      expect(c.rowSums).toBeLessThan(1e-14);
      expect(c.embeddedSum).toBeLessThan(1e-15);
      expect(c.fsal).toBe(0);
      expect(c.denseRowSums).toBeLessThan(1e-15);
    },
  );

  it.each([
    [EULER, 1],
    [HEUN, 2],
    [RK4, 4],
    [DOPRI5, 5],
    [DOP853, 8],
  ] as const)('%# has algebraic order exactly its stated order', (tab, p) => {
    expect(tab.order).toBe(p);
    expect(max(orderConditionResiduals(tab))).toBeLessThan(1e-14);
    expect(algebraicOrder(tab)).toBe(p);
    // order p + 1 fails by a clear margin (not a rounding artefact)
    expect(orderConditionResiduals(tab, p + 1)[p]!).toBeGreaterThan(1e-5);
  });

  it('DOPRI5 embeds an order-4 solution and DOP853 an order-5 one', () => {
    expect(max(embeddedOrderResiduals(DOPRI5))).toBeLessThan(1e-15);
    expect(embeddedOrderResiduals(DOPRI5, 5)[4]!).toBeGreaterThan(1e-4);
    expect(max(embeddedOrderResiduals(DOP853))).toBeLessThan(1e-14);
    expect(embeddedOrderResiduals(DOP853, 6)[5]!).toBeGreaterThan(1e-4);
  });

  it.each([0.1, 0.37, 0.5, 0.8, 1])(
    'the continuous extensions have their stated order at θ = %f (DOPRI5 4, DOP853 7, Hermite 3)',
    (theta) => {
      expect(max(denseOrderResiduals(DOPRI5, theta))).toBeLessThan(1e-15);
      expect(max(denseOrderResiduals(DOP853, theta))).toBeLessThan(1e-14);
      expect(max(denseOrderResiduals(RK4, theta))).toBeLessThan(1e-15);
    },
  );

  it('the continuous extensions do not reach one order more inside the step', () => {
    expect(denseOrderResiduals(DOPRI5, 0.5, 5)[4]!).toBeGreaterThan(1e-4);
    expect(denseOrderResiduals(DOP853, 0.5, 8)[7]!).toBeGreaterThan(1e-6);
    expect(denseOrderResiduals(RK4, 0.5, 4)[3]!).toBeGreaterThan(1e-3);
  });

  it('dense weights equal the step weights at θ = 1 and vanish at θ = 0', () => {
    for (const tab of [DOPRI5, DOP853, RK4]) {
      const w1 = denseWeights(tab, 1);
      tab.b.forEach((b, j) => expect(Math.abs(w1[j]! - b)).toBeLessThan(1e-15));
      for (const w of denseWeights(tab, 0)) expect(w).toBe(0);
    }
  });
});

describe('negative controls', () => {
  it('a corrupted RK4 weight breaks Σb = 1 and drops the algebraic order to 0', () => {
    const bad = clone(RK4);
    bad.b = [1 / 6, 1 / 3, 1 / 3, 1 / 6 + 1e-3];
    expect(tableauConsistency(bad).weightSum).toBeGreaterThan(1e-4);
    expect(algebraicOrder(bad)).toBe(0);
  });

  it('a corrupted DOPRI5 coefficient a43 breaks its row sum and its order', () => {
    const bad = clone(DOPRI5);
    bad.a = DOPRI5.a.map((r) => [...r]);
    (bad.a[3] as number[])[2] = 32 / 9 + 1e-3;
    expect(tableauConsistency(bad).rowSums).toBeGreaterThan(1e-4);
    expect(algebraicOrder(bad)).toBeLessThan(5);
  });

  it('moving weight between two RK4 stages with equal nodes keeps Σb = 1 and row sums but not order 4', () => {
    const bad = clone(RK4);
    bad.b = [1 / 6, 1 / 3 + 0.01, 1 / 3 - 0.01, 1 / 6];
    const c = tableauConsistency(bad);
    expect(c.weightSum).toBeLessThan(1e-15);
    expect(c.rowSums).toBe(0);
    expect(algebraicOrder(bad)).toBe(2);
  });

  it('a corrupted dense row of DOPRI5 fails the dense order conditions', () => {
    const bad = clone(DOPRI5);
    bad.dense = { ...DOPRI5.dense!, d: [DOPRI5.dense!.d[0]!.map((v) => v * 1.01)] };
    expect(max(denseOrderResiduals(bad, 0.5))).toBeGreaterThan(1e-4);
  });
});

describe('validateTableau', () => {
  it('accepts the built-in tableaux', () => {
    for (const t of Object.values(METHODS)) expect(validateTableau(t)).toBe(t);
  });

  it('rejects shapes that do not fit, with the API name first', () => {
    const noC = { ...RK4, c: [0, 0.5, 0.5] };
    expect(() => validateTableau(noC)).toThrow(/^validateTableau: expected c to have 4 finite entries/);
    const badRow = { ...RK4, a: [[], [0.5], [0.5], [0, 0, 1]] };
    expect(() => validateTableau(badRow)).toThrow(/^validateTableau: expected a\[2\] to have 2 finite entries/);
    const implicit = { ...RK4, c: [0.1, 0.5, 0.5, 1] };
    expect(() => validateTableau(implicit)).toThrow(RangeError);
    const noController = { ...DOPRI5, controller: undefined };
    expect(() => validateTableau(noController)).toThrow(/needs controller defaults/);
    const nan = { ...RK4, b: [1 / 6, 1 / 3, Number.NaN, 1 / 6] };
    expect(() => validateTableau(nan)).toThrow(TypeError);
    const stiff = { ...DOPRI5, stiffness: { stage: 6, bound: 3 } };
    expect(() => validateTableau(stiff)).toThrow(/FSAL stage/);
  });
});
