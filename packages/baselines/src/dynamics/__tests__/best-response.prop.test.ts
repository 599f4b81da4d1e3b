import fc from 'fast-check';
import { arbGame, fcParams } from '@jcaco/model/arbitraries';
import { isFeasible, type Game, type TraceRow } from '@jcaco/model';
import { describe, expect, it } from 'vitest';
import { bestResponseSolver } from '../best-response.js';
import { maxOf, naiveMaxDeviationGain, naivePotential } from '../../__tests__/scenarios.js';

/** The NE tolerance stated by the solver: gain ≤ ε·max T_i with ε = 1e-12; we allow 1e-9 for rounding. */
const NE_TOL = 1e-9;

function potentialStrictlyDecreases(trace: TraceRow[]): boolean {
  for (let r = 1; r < trace.length; r++) if (!(trace[r]!.potential < trace[r - 1]!.potential)) return false;
  return true;
}

function allFeasible(game: Game, profile: Int32Array): boolean {
  return profile.every((a, i) => isFeasible(game, i, a));
}

describe('bestResponseSolver', () => {
  it('ends at a pure NE: no UE can gain more than 1e-9 of the largest time by deviating (checked by brute force)', () => {
    fc.assert(
      fc.property(
        arbGame({ ues: [1, 5], policy: 'optimal' }),
        fc.integer(),
        fc.constantFrom('round-robin', 'random'),
        fc.constantFrom('random', 'greedy', 'nearest'),
        (game, seed, order, init) => {
          const r = bestResponseSolver.solve(game, { seed, params: { order, init } });
          expect(r.converged).toBe(true);
          expect(allFeasible(game, r.profile)).toBe(true);
          expect(r.maxDeviationGain).toBeLessThanOrEqual(NE_TOL * maxOf(r.times));
          expect(naiveMaxDeviationGain(game, r.profile)).toBeLessThanOrEqual(NE_TOL * maxOf(r.times));
        },
      ),
      fcParams(60),
    );
  });

  it("lowers the potential strictly at every move, by exactly the mover's gain (exact potential, docs/spec-model.md §4)", () => {
    fc.assert(
      fc.property(arbGame({ ues: [1, 5], policy: 'optimal' }), fc.integer(), (game, seed) => {
        const r = bestResponseSolver.solve(game, { seed, trace: true });
        const trace = r.trace!;
        expect(trace.length).toBe(r.iterations + 1);
        expect(potentialStrictlyDecreases(trace)).toBe(true);
        for (let k = 1; k < trace.length; k++) {
          const drop = trace[k - 1]!.potential - trace[k]!.potential;
          expect(Math.abs(drop - trace[k]!.gain!)).toBeLessThanOrEqual(1e-9 * trace[0]!.potential);
        }
        expect(trace.at(-1)!.potential).toBeCloseTo(naivePotential(game, r.profile), 12);
      }),
      fcParams(60),
    );
  });

  it('in the stochastic setting ends at a pure NE of the expected costs T̄, each move lowering Φ̄ by θ_i times the gain (weighted potential, docs/spec-model.md §5)', () => {
    fc.assert(
      fc.property(
        arbGame({ ues: [1, 4], policy: 'optimal', setting: 'stochastic', activity: 'both' }),
        fc.integer(),
        (game, seed) => {
          const r = bestResponseSolver.solve(game, { seed, trace: true });
          expect(r.converged).toBe(true);
          expect(r.maxDeviationGain).toBeLessThanOrEqual(NE_TOL * maxOf(r.times));
          const trace = r.trace!;
          for (let k = 1; k < trace.length; k++) {
            const drop = trace[k - 1]!.potential - trace[k]!.potential;
            expect(drop).toBeGreaterThan(0);
            expect(Math.abs(drop - game.theta[trace[k]!.ue!]! * trace[k]!.gain!)).toBeLessThanOrEqual(
              1e-9 * trace[0]!.potential,
            );
          }
        },
      ),
      fcParams(30),
    );
  });

  it('gives the same result for the same seed', () => {
    fc.assert(
      fc.property(arbGame({ ues: [1, 5], policy: 'optimal' }), fc.integer(), (game, seed) => {
        const a = bestResponseSolver.solve(game, { seed, params: { order: 'random' } });
        const b = bestResponseSolver.solve(game, { seed, params: { order: 'random' } });
        expect(b.profile).toEqual(a.profile);
        expect(b.iterations).toBe(a.iterations);
        expect(b.potential).toBe(a.potential);
      }),
      fcParams(30),
    );
  });

  it('negative control: a budget too small to finish leaves an improving move and reports converged=false', () => {
    // A random starting profile is rarely an NE: with no moves allowed the solver must say so.
    let notConverged = 0;
    fc.assert(
      fc.property(arbGame({ ues: [2, 5], policy: 'optimal' }), fc.integer(), (game, seed) => {
        const r = bestResponseSolver.solve(game, { seed, maxIterations: 0 });
        expect(r.iterations).toBe(0);
        if (r.converged) expect(r.maxDeviationGain).toBeLessThanOrEqual(NE_TOL * maxOf(r.times));
        else {
          expect(r.maxDeviationGain).toBeGreaterThan(0);
          notConverged++;
        }
      }),
      fcParams(40),
    );
    expect(notConverged).toBeGreaterThan(0);
  });
});
