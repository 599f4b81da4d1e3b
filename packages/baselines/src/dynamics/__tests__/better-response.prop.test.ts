import fc from 'fast-check';
import { arbGame, fcParams } from '@jcaco/model/arbitraries';
import { buildGame, isFeasible, LoadState } from '@jcaco/model';
import { describe, expect, it } from 'vitest';
import { betterResponseSolver } from '../better-response.js';
import { cycleScenario, maxOf, naiveMaxDeviationGain } from '../../__tests__/scenarios.js';

/** At convergence no UE can gain more than ε·T_i (ε = 1e-12); we allow 1e-9 of the largest time for rounding. */
const NE_TOL = 1e-9;

describe('betterResponseSolver', () => {
  it("ends at a pure NE (checked by brute force) after moves that each lower Φ strictly by the mover's gain", () => {
    fc.assert(
      fc.property(
        arbGame({ ues: [1, 5], policy: 'optimal' }),
        fc.integer(),
        fc.constantFrom('random', 'greedy', 'nearest'),
        (game, seed, init) => {
          const r = betterResponseSolver.solve(game, { seed, trace: true, params: { init } });
          expect(r.converged).toBe(true);
          expect(r.profile.every((a, i) => isFeasible(game, i, a))).toBe(true);
          const tol = NE_TOL * maxOf(r.times);
          expect(r.maxDeviationGain).toBeLessThanOrEqual(tol);
          expect(naiveMaxDeviationGain(game, r.profile)).toBeLessThanOrEqual(tol);
          const trace = r.trace!;
          expect(trace.length).toBe(r.iterations + 1);
          for (let k = 1; k < trace.length; k++) {
            const drop = trace[k - 1]!.potential - trace[k]!.potential;
            expect(drop).toBeGreaterThan(0);
            expect(Math.abs(drop - trace[k]!.gain!)).toBeLessThanOrEqual(1e-9 * trace[0]!.potential);
          }
        },
      ),
      fcParams(60),
    );
  });

  it('gives the same result for the same seed', () => {
    fc.assert(
      fc.property(arbGame({ ues: [1, 5], policy: 'optimal' }), fc.integer(), (game, seed) => {
        const a = betterResponseSolver.solve(game, { seed });
        const b = betterResponseSolver.solve(game, { seed });
        expect(b.profile).toEqual(a.profile);
        expect(b.iterations).toBe(a.iterations);
      }),
      fcParams(30),
    );
  });

  it("with ε = 0.5 stops as soon as no UE can halve its time: every UE's best time is at least half its time, and some such stops are not NE", () => {
    let coarse = 0;
    fc.assert(
      fc.property(arbGame({ ues: [2, 5], policy: 'optimal' }), fc.integer(), (game, seed) => {
        const r = betterResponseSolver.solve(game, { seed, params: { epsilon: 0.5 } });
        expect(r.converged).toBe(true);
        const state = new LoadState(game, r.profile);
        for (let i = 0; i < game.N; i++) {
          state.bestResponse(i);
          expect(state.bestTime).toBeGreaterThanOrEqual(0.5 * r.times[i]! * (1 - 1e-12));
        }
        if (r.maxDeviationGain > NE_TOL * maxOf(r.times)) coarse++;
      }),
      fcParams(40),
    );
    expect(coarse).toBeGreaterThan(0);
  });
});

describe('betterResponseSolver on the cycle instance (negative control)', () => {
  it('under equal, never settles: converged=false at the budget', () => {
    const r = betterResponseSolver.solve(buildGame(cycleScenario('equal')), { seed: 3, maxIterations: 200 });
    expect(r.converged).toBe(false);
    expect(r.iterations).toBe(200);
  });
});
