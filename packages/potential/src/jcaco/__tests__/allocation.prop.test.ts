import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fcParams } from '@jcaco/model/arbitraries';

/**
 * Step 0 of Theorem 1 (docs/spec-model.md §3): among all splits b of a band B over the UEs at an AP, the
 * sum of their times Σ_i D_i/(b_i e_i) = Σ_i x_i²/b_i is least at b_i = B·x_i/S (S = Σ x_j), where
 * it equals S²/B, and each UE's time is then x_i·S/B (Cauchy–Schwarz). The same holds for compute.
 */
const sumOfTimes = (x: number[], b: number[]): number => x.reduce((s, xi, i) => s + (xi * xi) / b[i]!, 0);

const arbSplit = fc
  .tuple(
    fc.array(fc.double({ min: 0.01, max: 100, noNaN: true }), { minLength: 1, maxLength: 8 }),
    fc.double({ min: 1e3, max: 1e8, noNaN: true }),
  )
  .chain(([x, B]) =>
    fc.tuple(
      fc.constant(x),
      fc.constant(B),
      fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), { minLength: x.length, maxLength: x.length }),
    ),
  );

describe('the optimal allocation (property)', () => {
  it('b_i = B·x_i/S minimises the sum of times over every split of the band, with minimum S²/B and times x_i·S/B', () => {
    fc.assert(
      fc.property(arbSplit, ([x, B, w]) => {
        const S = x.reduce((a, b) => a + b, 0);
        const opt = x.map((xi) => (B * xi) / S);
        const W = w.reduce((a, b) => a + b, 0);
        const other = w.map((wi) => (B * wi) / W);
        const best = sumOfTimes(x, opt);
        expect(Math.abs(best - (S * S) / B)).toBeLessThanOrEqual(1e-12 * best);
        expect(sumOfTimes(x, other)).toBeGreaterThanOrEqual(best * (1 - 1e-12));
        x.forEach((xi, i) =>
          expect(Math.abs((xi * xi) / opt[i]! - (xi * S) / B)).toBeLessThanOrEqual(1e-12 * ((xi * S) / B)),
        );
      }),
      fcParams(100),
    );
  });

  it('negative control: the equal split is worse whenever the weights differ', () => {
    const x = [1, 2, 7];
    const B = 1e6;
    const S = 10;
    const equal = sumOfTimes(
      x,
      x.map(() => B / x.length),
    );
    expect(equal).toBeGreaterThan((S * S) / B);
  });
});
