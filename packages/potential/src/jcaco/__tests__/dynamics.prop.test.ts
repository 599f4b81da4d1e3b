import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng, LoadState } from '@jcaco/model';
import { arbGameAndProfile, fcParams } from '@jcaco/model/arbitraries';
import { betterResponsePath, potentialLowerBound, randomUeBetterResponses } from '../dynamics.js';

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

describe('randomUeBetterResponses (property)', () => {
  it('every move of a drawn UE to one of its better responses lowers Φ (optimal)', () => {
    fc.assert(
      fc.property(arbGameAndProfile({ policy: 'optimal' }), fc.integer(), ({ game, profile }, seed) => {
        const r = randomUeBetterResponses(game, profile, createRng(seed), 200);
        expect(r.steps).toBe(200);
        expect(r.moves).toBeLessThanOrEqual(200);
        expect(r.potentialAlwaysDecreased).toBe(true);
      }),
      fcParams(40),
    );
  });

  it('moves when a UE can improve: from a profile that is not an equilibrium, enough steps make a move', () => {
    fc.assert(
      fc.property(arbGameAndProfile({ policy: 'optimal' }), fc.integer(), ({ game, profile }, seed) => {
        fc.pre(new LoadState(game, profile).maxDeviationGain() > 1e-9);
        expect(randomUeBetterResponses(game, profile, createRng(seed), 50 * game.N).moves).toBeGreaterThan(0);
      }),
      fcParams(40),
    );
  });

  it('negative control: under equal, fast-check finds a move that raises the Φ formula', () => {
    const result = fc.check(
      fc.property(arbGameAndProfile({ policy: 'equal', ues: [2, 5] }), fc.integer(), ({ game, profile }, seed) => {
        return randomUeBetterResponses(game, profile, createRng(seed), 200).potentialAlwaysDecreased;
      }),
      { ...fcParams(300), numRuns: Math.max(300, fcParams(300).numRuns ?? 0) },
    );
    expect(result.failed).toBe(true);
  });

  it('rejects a negative step count and a profile of the wrong length', () => {
    fc.assert(
      fc.property(arbGameAndProfile({ policy: 'optimal' }), ({ game, profile }) => {
        expect(() => randomUeBetterResponses(game, profile, createRng(1), -1)).toThrow(
          /^randomUeBetterResponses: steps/,
        );
        expect(() => randomUeBetterResponses(game, profile.slice(1), createRng(1), 1)).toThrow(
          /^randomUeBetterResponses: expected/,
        );
      }),
      fcParams(5),
    );
  });
});
