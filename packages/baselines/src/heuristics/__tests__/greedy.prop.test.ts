import fc from 'fast-check';
import { arbGame, fcParams } from '@jcaco/model/arbitraries';
import { completionTimesNaive, isFeasible } from '@jcaco/model';
import { describe, expect, it } from 'vitest';
import { greedyProfile, greedySolver } from '../greedy.js';

describe('greedySolver', () => {
  it('places every UE exactly once, each on a feasible strategy of least time given those placed before it (brute force)', () => {
    fc.assert(
      fc.property(
        arbGame({ ues: [1, 5], policy: 'both' }),
        fc.constantFrom('index', 'random'),
        fc.integer(),
        (game, order, seed) => {
          const r = greedySolver.solve(game, { seed, trace: true, params: { order } });
          expect(r.iterations).toBe(game.N);
          const placed = r.trace!.map((row) => row.ue!);
          expect([...placed].sort((a, b) => a - b)).toEqual(Array.from({ length: game.N }, (_, i) => i));
          if (order === 'index') expect(placed).toEqual(Array.from({ length: game.N }, (_, i) => i));
          const partial = new Int32Array(game.N).fill(-1);
          for (const i of placed) {
            expect(isFeasible(game, i, r.profile[i]!)).toBe(true);
            let best = Number.POSITIVE_INFINITY;
            for (let j = game.offsets[i]!; j < game.offsets[i + 1]!; j++) {
              partial[i] = game.strategies[j]!;
              best = Math.min(best, completionTimesNaive(game, partial)[i]!);
            }
            partial[i] = r.profile[i]!;
            expect(completionTimesNaive(game, partial)[i]!).toBeLessThanOrEqual(best * (1 + 1e-12));
          }
        },
      ),
      fcParams(60),
    );
  });

  it('negative control: the greedy profile is not always a pure NE (a single pass does not revisit)', () => {
    let notNe = 0;
    fc.assert(
      fc.property(arbGame({ ues: [3, 5], policy: 'optimal' }), (game) => {
        const r = greedySolver.solve(game);
        if (r.maxDeviationGain > 1e-9 * r.meanTime) notNe++;
      }),
      fcParams(60),
    );
    expect(notNe).toBeGreaterThan(0);
  });

  it('is deterministic in index order, and the same seed gives the same random order', () => {
    fc.assert(
      fc.property(arbGame({ ues: [1, 5] }), fc.integer(), (game, seed) => {
        expect(greedySolver.solve(game).profile).toEqual(greedyProfile(game));
        const a = greedySolver.solve(game, { seed, params: { order: 'random' } });
        const b = greedySolver.solve(game, { seed, params: { order: 'random' } });
        expect(b.profile).toEqual(a.profile);
        expect(a.seed).toBe(seed);
      }),
      fcParams(30),
    );
  });
});
