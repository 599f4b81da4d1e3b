import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng, LoadState } from '@jcaco/model';
import { arbGameAndProfile, fcParams } from '@jcaco/model/arbitraries';
import { betterResponsePath, potentialLowerBound } from '../dynamics.js';

describe('better-response dynamics (property)', () => {
  it('every better-response path strictly decreases Φ and ends at a pure NE', () => {
    fc.assert(
      fc.property(arbGameAndProfile({ policy: 'optimal' }), fc.integer(), ({ game, profile }, seed) => {
        const path = betterResponsePath(game, profile, createRng(seed));
        expect(path.reachedEquilibrium).toBe(true);
        for (let s = 1; s < path.potentials.length; s++) {
          expect(path.potentials[s]!).toBeLessThan(path.potentials[s - 1]!);
          // Φ falls by exactly the mover's gain (Theorem 1)
          const drop = path.potentials[s - 1]! - path.potentials[s]!;
          expect(Math.abs(drop - path.gains[s - 1]!)).toBeLessThanOrEqual(1e-9 * path.potentials[0]!);
        }
        const end = new LoadState(game, path.profile);
        let scale = 0;
        for (let i = 0; i < game.N; i++) scale = Math.max(scale, end.time(i));
        expect(end.maxDeviationGain()).toBeLessThanOrEqual(1e-12 * scale);
      }),
      fcParams(40),
    );
  });

  it('with moves that improve by at least ε, a path ends within (Φ(a0) − Φ_lb)/ε moves, Φ_lb = Σ_i min T_i^solo ≤ Φ everywhere on it', () => {
    fc.assert(
      fc.property(
        arbGameAndProfile({ policy: 'optimal' }),
        fc.integer(),
        fc.double({ min: 1e-4, max: 0.2, noNaN: true }),
        ({ game, profile }, seed, frac) => {
          const lb = potentialLowerBound(game);
          const eps = (frac * lb) / game.N; // a fraction of a typical solo time
          const path = betterResponsePath(game, profile, createRng(seed), { minImprovementS: eps });
          expect(path.reachedEquilibrium).toBe(true);
          expect(path.moves).toBeLessThanOrEqual(path.moveBound);
          for (const phi of path.potentials) expect(phi).toBeGreaterThanOrEqual(lb * (1 - 1e-12));
          for (const g of path.gains) expect(g).toBeGreaterThan(eps);
        },
      ),
      fcParams(40),
    );
  });

  it('negative control: under equal, fast-check finds an improving move that raises the Φ formula', () => {
    const result = fc.check(
      fc.property(arbGameAndProfile({ policy: 'equal', ues: [2, 5] }), fc.integer(), ({ game, profile }, seed) => {
        const path = betterResponsePath(game, profile, createRng(seed), { maxMoves: 200 });
        for (let s = 1; s < path.potentials.length; s++)
          if (!(path.potentials[s]! < path.potentials[s - 1]!)) return false;
        return true;
      }),
      { ...fcParams(300), numRuns: Math.max(300, fcParams(300).numRuns ?? 0) },
    );
    expect(result.failed).toBe(true);
  });
});
