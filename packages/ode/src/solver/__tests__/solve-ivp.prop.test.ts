import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fcParams } from '@jcaco/model/arbitraries';
import { exponential, linear2x2 } from '../../problems/index.js';
import { DOP853, DOPRI5, EULER, HEUN, RK4 } from '../../tableau/methods.js';
import type { ButcherTableau } from '../../tableau/tableau.js';
import { solveIvp } from '../solve-ivp.js';
import type { RhsFunction } from '../types.js';

/** A 2×2 matrix with entries in [−1, 1], eigenvalues of modest size. */
const matrix2 = fc.tuple(
  fc.tuple(fc.double({ min: -1, max: 1, noNaN: true }), fc.double({ min: -1, max: 1, noNaN: true })),
  fc.tuple(fc.double({ min: -1, max: 1, noNaN: true }), fc.double({ min: -1, max: 1, noNaN: true })),
);
const vec2 = fc.tuple(fc.double({ min: -1, max: 1, noNaN: true }), fc.double({ min: 0.2, max: 1, noNaN: true }));

/** Sup-norm global error over a grid of output times, relative to the solution's size. */
function supError(p: ReturnType<typeof linear2x2>, ts: number[], ys: Float64Array[]): number {
  let worst = 0;
  ts.forEach((t, k) => {
    const ex = p.exact!(t);
    const scale = Math.max(1, Math.abs(ex[0]!), Math.abs(ex[1]!));
    worst = Math.max(worst, Math.abs(ys[k]![0]! - ex[0]!) / scale, Math.abs(ys[k]![1]! - ex[1]!) / scale);
  });
  return worst;
}

const grid = Array.from({ length: 41 }, (_, k) => k * 0.1);

describe('fixed-step methods show their order', () => {
  const corruptedRk4: ButcherTableau = { ...RK4, name: 'rk4-corrupted', b: [1 / 6, 1 / 3 + 0.05, 1 / 3 - 0.05, 1 / 6] };

  it("halving h divides the global error on y' = λy by about 2^p (Euler 1, Heun 2, RK4 4); a corrupted RK4 shows order 2", () => {
    fc.assert(
      fc.property(
        fc.constantFrom([EULER, 256] as const, [HEUN, 64] as const, [RK4, 16] as const),
        fc.double({ min: -2, max: -0.3, noNaN: true }),
        fc.double({ min: 0.5, max: 2, noNaN: true }),
        ([tab, n], lambda, y0) => {
          const p = exponential(lambda, y0, 1);
          const exact = p.exact!(1)[0]!;
          const err = (steps: number, t: ButcherTableau): number =>
            Math.abs(solveIvp(p.f, [0, 1], [y0], { method: t, step: 1 / steps, tEval: [1] }).yEnd[0]! - exact);
          const observed = Math.log2(err(n, tab) / err(2 * n, tab));
          expect(Math.abs(observed - tab.order)).toBeLessThan(0.25);
          // negative control: the corrupted tableau (Σb still 1) falls to order 2
          const bad = Math.log2(err(16, corruptedRk4) / err(32, corruptedRk4));
          expect(Math.abs(bad - 2)).toBeLessThan(0.3);
        },
      ),
      fcParams(25),
    );
  });
});

describe('the global error of adaptive methods scales with rtol', () => {
  it('DOPRI5 and DOP853 on linear 2×2 systems: error ≤ 1000·tol, and 10⁴ times smaller tolerance gives ≥ 100 times smaller error; without an estimator it does not', () => {
    fc.assert(
      fc.property(matrix2, vec2, fc.constantFrom(DOPRI5, DOP853), (a, y0, tab) => {
        const p = linear2x2(a, y0, 4);
        const run = (tol: number, t: ButcherTableau, prob = p): number => {
          const r = solveIvp(prob.f, prob.tSpan, prob.y0, { method: t, rtol: tol, atol: tol * 1e-2, tEval: grid });
          expect(r.status).toBe('success');
          return supError(prob, grid, r.y);
        };
        const loose = run(1e-6, tab);
        const tight = run(1e-10, tab);
        expect(loose).toBeLessThan(1e-3);
        expect(tight).toBeLessThan(1e-7);
        // (when the loose run is already near the tight tolerance there is nothing left to gain)
        if (loose > 1e-7) expect(tight).toBeLessThan(loose / 100);
        // negative control, on a rotation-dominated variant (nonzero error at any step size): with the
        // estimator zeroed the steps ignore rtol, and so does the error
        const q = linear2x2(
          [
            [0.3 * a[0][0], 1 + 0.3 * a[0][1]],
            [-1 + 0.3 * a[1][0], 0.3 * a[1][1]],
          ],
          y0,
          4,
        );
        const blind: ButcherTableau = { ...tab, name: 'blind', embedded: { order: 1, e: tab.b.map(() => 0) } };
        expect(run(1e-10, blind, q)).toBeGreaterThan(run(1e-6, blind, q) / 100);
      }),
      fcParams(25),
    );
  });
});

describe('linear invariants are preserved to rounding', () => {
  /** A random rate matrix Q (off-diagonal ≥ 0, columns summing to 0): Σ y is invariant for y' = Q y. */
  const generator = (n: number) =>
    fc.array(fc.double({ min: 0, max: 2, noNaN: true }), { minLength: n * n, maxLength: n * n });

  it("Σ y stays Σ y0 to 1e-13 for y' = Q y with zero column sums (every method); a leaky Q drifts", () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 2, max: 7 })
          .chain((n) =>
            fc.tuple(
              fc.constant(n),
              generator(n),
              fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: n, maxLength: n }),
            ),
          ),
        fc.constantFrom(
          ['dopri5', {}] as const,
          ['dop853', {}] as const,
          ['rk4', { step: 0.05 }] as const,
          ['heun', { step: 0.02 }] as const,
        ),
        ([n, rates, y0], [method, extra]) => {
          const q = new Float64Array(n * n);
          for (let j = 0; j < n; j++) {
            let out = 0;
            for (let i = 0; i < n; i++) {
              if (i === j) continue;
              q[i * n + j] = rates[i * n + j]!;
              out += rates[i * n + j]!;
            }
            q[j * n + j] = -out;
          }
          const makeF =
            (leak: number): RhsFunction =>
            (_t, y, dy) => {
              for (let i = 0; i < n; i++) {
                let s = 0;
                for (let j = 0; j < n; j++) s += q[i * n + j]! * y[j]!;
                dy[i] = s - leak * y[i]!;
              }
            };
          const total0 = y0.reduce((s, v) => s + v, 0);
          const r = solveIvp(makeF(0), [0, 3], y0, { method, rtol: 1e-8, atol: 1e-10, ...extra });
          for (const y of r.y) {
            let s = 0;
            for (let i = 0; i < n; i++) s += y[i]!;
            expect(Math.abs(s - total0)).toBeLessThan(1e-13 * Math.max(1, total0) * Math.max(1, r.stats.accepted / 10));
          }
          // negative control: a leak of 1e-3 per unit time changes the total visibly
          if (total0 > 0.1) {
            const leaky = solveIvp(makeF(1e-3), [0, 3], y0, { method, rtol: 1e-8, atol: 1e-10, ...extra });
            let s = 0;
            for (let i = 0; i < n; i++) s += leaky.yEnd[i]!;
            expect(Math.abs(s - total0)).toBeGreaterThan(1e-4 * total0);
          }
        },
      ),
      fcParams(30),
    );
  });
});

describe('dense output', () => {
  it('agrees with the step end points to rounding, and with a 10⁴ times tighter run to 100·rtol; a corrupted extension does not', () => {
    fc.assert(
      fc.property(
        matrix2,
        vec2,
        fc.constantFrom(DOPRI5, DOP853),
        fc.array(fc.double({ min: 0, max: 4, noNaN: true }), { minLength: 5, maxLength: 20 }),
        (a, y0, tab, probes) => {
          const p = linear2x2(a, y0, 4);
          const rtol = 1e-6;
          const r = solveIvp(p.f, p.tSpan, p.y0, { method: tab, rtol, atol: 1e-8, denseOutput: true });
          const tight = solveIvp(p.f, p.tSpan, p.y0, { method: DOP853, rtol: 1e-10, atol: 1e-12, denseOutput: true });
          const sol = r.sol!;
          const scale = Math.max(1, ...r.yFlat.map(Math.abs));
          for (let k = 0; k < r.t.length; k++) {
            const d = sol.evaluate(r.t[k]!);
            expect(Math.abs(d[0]! - r.y[k]![0]!)).toBeLessThan(4 * Number.EPSILON * scale);
            expect(Math.abs(d[1]! - r.y[k]![1]!)).toBeLessThan(4 * Number.EPSILON * scale);
          }
          const gap = (s: typeof sol): number =>
            Math.max(
              ...probes.map((t) => {
                const u = s.evaluate(t);
                const v = tight.sol!.evaluate(t);
                return Math.max(Math.abs(u[0]! - v[0]!), Math.abs(u[1]! - v[1]!)) / scale;
              }),
            );
          expect(gap(sol)).toBeLessThan(100 * rtol);
          if (tab === DOP853) {
            // negative control, on a rotation-dominated variant of the system (a solution that is no
            // low-degree polynomial, which any interpolant would reproduce): DOP853 with its first dense
            // row scaled by 1.5 interpolates badly at the step midpoints, where the correction is largest
            const q = linear2x2(
              [
                [0.3 * a[0][0], 1 + 0.3 * a[0][1]],
                [-1 + 0.3 * a[1][0], 0.3 * a[1][1]],
              ],
              y0,
              4,
            );
            const bad: ButcherTableau = {
              ...DOP853,
              dense: {
                ...DOP853.dense!,
                d: DOP853.dense!.d.map((row, m) => (m === 0 ? row.map((v) => 1.5 * v) : row)),
              },
            };
            const qTight = solveIvp(q.f, q.tSpan, q.y0, {
              method: DOP853,
              rtol: 1e-12,
              atol: 1e-14,
              denseOutput: true,
            });
            const midGap = (t: ButcherTableau): number => {
              const res = solveIvp(q.f, q.tSpan, q.y0, { method: t, rtol, atol: 1e-8, denseOutput: true });
              let worst = 0;
              for (let k = 0; k + 1 < res.t.length; k++) {
                const tm = 0.5 * (res.t[k]! + res.t[k + 1]!);
                const u = res.sol!.evaluate(tm);
                const v = qTight.sol!.evaluate(tm);
                worst = Math.max(worst, Math.abs(u[0]! - v[0]!), Math.abs(u[1]! - v[1]!));
              }
              return worst;
            };
            expect(midGap(bad)).toBeGreaterThan(3 * midGap(DOP853));
          }
        },
      ),
      fcParams(25),
    );
  });
});
