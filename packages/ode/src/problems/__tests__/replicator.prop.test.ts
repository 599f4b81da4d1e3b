import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fcParams } from '@jcaco/model/arbitraries';
import { solveIvp } from '../../solver/solve-ivp.js';
import type { RhsFunction } from '../../solver/types.js';
import { ROCK_PAPER_SCISSORS, replicator } from '../problems.js';

/** A point of the open 2-simplex from three positive weights. */
const interior = fc
  .tuple(
    fc.double({ min: 0.05, max: 1, noNaN: true }),
    fc.double({ min: 0.05, max: 1, noNaN: true }),
    fc.double({ min: 0.05, max: 1, noNaN: true }),
  )
  .map(([a, b, c]) => [a / (a + b + c), b / (a + b + c), c / (a + b + c)]);

const onSimplex = (_t: number, x: Float64Array): boolean => x[0]! >= 0 && x[1]! >= 0 && x[2]! >= 0;

describe('replicator dynamics on the simplex', () => {
  it('rock–paper–scissors keeps x1·x2·x3 constant (relative 1e-7) and Σx = 1 (1e-13); a non-zero-sum variant does not keep the product', () => {
    fc.assert(
      fc.property(interior, fc.constantFrom('dopri5', 'dop853') as fc.Arbitrary<'dopri5' | 'dop853'>, (x0, method) => {
        const p = replicator(ROCK_PAPER_SCISSORS, x0, 10);
        const r = solveIvp(p.f, p.tSpan, p.y0, { method, rtol: 1e-10, atol: 1e-12, domain: onSimplex });
        expect(r.status).toBe('success');
        const p0 = p.invariant!(r.y[0]!);
        for (const x of r.y) {
          expect(Math.abs(p.invariant!(x) / p0 - 1)).toBeLessThan(1e-7);
          expect(Math.abs(x[0]! + x[1]! + x[2]! - 1)).toBeLessThan(1e-13);
        }
        // negative control: losses twice the wins — the interior rest point repels, the product decays
        const q = replicator(
          [
            [0, -2, 1],
            [1, 0, -2],
            [-2, 1, 0],
          ],
          x0,
          10,
        );
        const s = solveIvp(q.f, q.tSpan, q.y0, { method, rtol: 1e-10, atol: 1e-12, domain: onSimplex });
        // (from within 0.02 of the rest point the spiral needs longer than t = 10 to show)
        const nearCentre = x0.every((v) => Math.abs(v - 1 / 3) < 0.02);
        if (!nearCentre) expect(Math.abs(q.invariant!(s.yEnd) / q.invariant!(s.y[0]!) - 1)).toBeGreaterThan(1e-3);
      }),
      fcParams(20),
    );
  });

  it('a strategy absent at t0 stays exactly absent; a mutation term (not a replicator) revives it', () => {
    fc.assert(
      fc.property(interior, fc.integer({ min: 0, max: 2 }), (x, k) => {
        const x0 = [...x];
        const lost = x0[k]!;
        x0[k] = 0;
        x0[(k + 1) % 3]! += lost;
        const p = replicator(ROCK_PAPER_SCISSORS, x0, 10);
        const r = solveIvp(p.f, p.tSpan, p.y0, { rtol: 1e-8, atol: 1e-10, domain: onSimplex });
        for (const y of r.y) expect(y[k]).toBe(0);
        // negative control: replicator–mutator with rate 1e-3 toward the uniform strategy
        const mut: RhsFunction = (t, y, dy) => {
          p.f(t, y, dy);
          for (let i = 0; i < 3; i++) dy[i] = dy[i]! + 1e-3 * (1 / 3 - y[i]!);
        };
        const m = solveIvp(mut, p.tSpan, p.y0, { rtol: 1e-8, atol: 1e-10 });
        expect(m.yEnd[k]).toBeGreaterThan(1e-4);
      }),
      fcParams(20),
    );
  });
});
