import fc from 'fast-check';
import { arbGame, fcParams } from '@jcaco/model/arbitraries';
import { createRng, isFeasible } from '@jcaco/model';
import { describe, expect, it } from 'vitest';
import { randomProfile, randomSolver } from '../random.js';
import { tinyGame } from '../../__tests__/scenarios.js';

describe('randomSolver', () => {
  it('picks only feasible strategies, and the same seed gives the same profile', () => {
    fc.assert(
      fc.property(arbGame({ ues: [1, 6], policy: 'both' }), fc.integer(), (game, seed) => {
        const r = randomSolver.solve(game, { seed });
        expect(r.profile.every((a, i) => isFeasible(game, i, a))).toBe(true);
        expect(randomSolver.solve(game, { seed }).profile).toEqual(r.profile);
        expect(r.iterations).toBe(1);
        expect(r.converged).toBe(true);
      }),
      fcParams(60),
    );
  });

  it('negative control: the feasibility check rejects codes outside A_i (minimum quality excludes some options)', () => {
    let rejected = 0;
    fc.assert(
      fc.property(arbGame({ ues: [1, 4] }), (game) => {
        for (let i = 0; i < game.N; i++)
          for (let a = 0; a < game.M * game.C; a++) if (!isFeasible(game, i, a)) rejected++;
      }),
      fcParams(60),
    );
    expect(rejected).toBeGreaterThan(0);
  });

  it('draws each feasible strategy with frequency 1/|A_i| (4000 draws, each count within 20% of its mean)', () => {
    const game = tinyGame(3, { ues: 1, aps: 2, servers: 2, models: 1, steps: 2 });
    const n = game.offsets[1]! - game.offsets[0]!;
    expect(n).toBe(8);
    const counts = new Map<number, number>();
    const rng = createRng(99);
    const out = new Int32Array(1);
    for (let k = 0; k < 4000; k++) {
      randomProfile(game, rng, out);
      counts.set(out[0]!, (counts.get(out[0]!) ?? 0) + 1);
    }
    expect(counts.size).toBe(n);
    for (const c of counts.values()) expect(Math.abs(c - 4000 / n)).toBeLessThan(0.2 * (4000 / n));
  });

  it('gives different profiles for different seeds on a game with many profiles', () => {
    const game = tinyGame(4, { ues: 6, aps: 2, servers: 2, models: 2, steps: 3 });
    expect(randomSolver.solve(game, { seed: 1 }).profile).not.toEqual(randomSolver.solve(game, { seed: 2 }).profile);
  });
});
