import { describe, expect, it } from 'vitest';
import { exactTable } from '../exact-table.js';
import { tabulate, type FiniteGame } from '../finite-game.js';
import { checkFiniteImprovement } from '../improvement.js';
import { pureNashEquilibria } from '../nash.js';
import { checkExactPotential } from '../potential.js';
import { findPotentialWeights } from '../weights.js';
import * as classic from './classic-games.js';

/** Known answers, worked out by hand (profile index: player 1's action fastest). */
const known: Array<{
  name: string;
  game: () => FiniteGame;
  nash: number[];
  exact: boolean;
  weights: string[] | null;
  fip: boolean;
}> = [
  {
    name: "prisoner's dilemma",
    game: classic.prisonersDilemma,
    nash: [3],
    exact: true,
    weights: ['1', '1'],
    fip: true,
  },
  { name: 'matching pennies', game: classic.matchingPennies, nash: [], exact: false, weights: null, fip: false },
  { name: 'rock–paper–scissors', game: classic.rockPaperScissors, nash: [], exact: false, weights: null, fip: false },
  { name: 'pure coordination', game: classic.coordination, nash: [0, 3], exact: true, weights: ['1', '1'], fip: true },
  {
    name: 'battle of the sexes',
    game: classic.battleOfTheSexes,
    nash: [0, 3],
    exact: true,
    weights: ['1', '1'],
    fip: true,
  },
  // Row player: Δ around the 4-cycle 2, column −7: w_col / w_row = 2/7 (the weighted-only game).
  {
    name: 'unequal coordination',
    game: classic.unequalCoordination,
    nash: [0, 3],
    exact: false,
    weights: ['1', '2/7'],
    fip: true,
  },
];

describe('classic games: known answers, in float and in exact arithmetic', () => {
  for (const k of known) {
    it(`${k.name}: NE ${JSON.stringify(k.nash)}, exact potential ${k.exact}, weights ${JSON.stringify(k.weights)}, FIP ${k.fip}`, () => {
      for (const exact of [false, true]) {
        const g = k.game();
        expect(pureNashEquilibria(g, { exact })).toEqual(k.nash);
        const pot = checkExactPotential(g, { exact });
        expect(pot.holds).toBe(k.exact);
        expect(pot.arithmetic).toBe(exact ? 'exact' : 'float');
        if (pot.holds) {
          expect(pot.consistency!.argminIsNash).toBe(true);
          expect(pot.margin).toBeGreaterThanOrEqual(0);
        } else {
          expect(pot.counterexample!.margin).toBeGreaterThan(0);
          expect(Math.abs(pot.counterexample!.imbalance)).toBeGreaterThan(pot.counterexample!.bound);
        }
        const fip = checkFiniteImprovement(g, { exact });
        expect(fip.holds).toBe(k.fip);
        if (!fip.holds) expect(fip.margin).toBeGreaterThan(0);
      }
      const w = findPotentialWeights(k.game());
      expect(w.weights).toEqual(k.weights);
      expect(w.found).toBe(k.weights !== null);
    });
  }

  it('battle of the sexes: Φ is 0 on both coordinated profiles, 2 and 1 on the mismatches; both minimisers are pure NE', () => {
    const cert = checkExactPotential(classic.battleOfTheSexes(), { exact: true });
    // Φ(A,A) = 0; row to B: cost −2 → 0, Φ(B,A) = 2; column to B: −1 → 0, Φ(A,B) = 1; then row to B: 0 → −1, Φ(B,B) = 0.
    expect(cert.exact!.potential).toEqual(['0', '2', '1', '0']);
    expect(cert.consistency).toEqual({
      argminPotential: [
        [0, 0],
        [1, 1],
      ],
      argminCount: 2,
      argminIsNash: true,
    });
  });

  it('a congestion game: its pure NE are exactly the local minima of its declared Rosenthal potential', () => {
    const t = tabulate(classic.congestionGame());
    const phi = t.potential!;
    const localMinima: number[] = [];
    for (let p = 0; p < t.size; p++) {
      let isMin = true;
      for (let i = 0; i < t.players; i++) {
        const ai = Math.floor(p / t.strides[i]!) % t.actions[i]!;
        for (let b = 0; b < t.actions[i]!; b++) if (phi[p + (b - ai) * t.strides[i]!]! < phi[p]!) isMin = false;
      }
      if (isMin) localMinima.push(p);
    }
    expect(localMinima.length).toBeGreaterThan(0);
    expect(pureNashEquilibria(t)).toEqual(localMinima);
    expect(pureNashEquilibria(exactTable(t))).toEqual(localMinima);
    expect(checkExactPotential(t, { exact: true })).toMatchObject({ holds: true, arithmetic: 'exact', bound: 0 });
  });
});
