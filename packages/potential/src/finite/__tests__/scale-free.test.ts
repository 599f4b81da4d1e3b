import { describe, expect, it } from 'vitest';
import { bimatrixGame, type FiniteGame } from '../finite-game.js';
import { checkFiniteImprovement } from '../improvement.js';
import { pureNashEquilibria } from '../nash.js';
import { checkExactPotential, checkWeightedPotential } from '../potential.js';
import {
  affine,
  battleOfTheSexes,
  congestionGame,
  coordination,
  matchingPennies,
  prisonersDilemma,
  rockPaperScissors,
  unequalCoordination,
} from './classic-games.js';

const verdicts = (g: FiniteGame, exact = false) => ({
  nash: pureNashEquilibria(g, { exact }),
  exact: checkExactPotential(g, { exact }).holds,
  weighted: checkWeightedPotential(g, [7, 2, 5].slice(0, g.players), { exact }).holds,
  fip: checkFiniteImprovement(g, { exact }).holds,
});

const games: Array<[string, () => FiniteGame]> = [
  ['prisoners dilemma', prisonersDilemma],
  ['matching pennies', matchingPennies],
  ['rock–paper–scissors', rockPaperScissors],
  ['coordination', coordination],
  ['battle of the sexes', battleOfTheSexes],
  ['unequal coordination', unequalCoordination],
  ['congestion', congestionGame],
];

describe('scale-free verdicts (issue 18)', () => {
  it('matching pennies + 10^10 is still refuted, has no pure NE and has a better-response cycle: no contradiction', () => {
    const g = affine(matchingPennies(), 1, 1e10);
    const cert = checkExactPotential(g);
    expect(cert.holds).toBe(false);
    expect(Math.abs(cert.counterexample!.imbalance)).toBe(4);
    expect(cert.bound).toBeLessThan(1e-4); // γ_3 · Σ|x| ≈ 2.7e-5: a few ulps (2^-19) of 10^10
    expect(cert.margin).toBeGreaterThan(3.99);
    expect(pureNashEquilibria(g)).toEqual([]);
    expect(checkFiniteImprovement(g).holds).toBe(false);
  });

  for (const [name, game] of games) {
    it(`${name}: the same verdicts after adding 10^10 or −10^12, scaling by 2^±12, or shifting each player by its own constant`, () => {
      const base = verdicts(game());
      for (const [a, c] of [
        [1, 1e10],
        [1, -1e12],
        [2 ** 12, 0],
        [2 ** -12, 2 ** 40],
        [2, [2 ** 40, -(2 ** 39) + 3, 12345]],
      ] as const) {
        expect(verdicts(affine(game(), a, c))).toEqual(base);
        expect(verdicts(affine(game(), a, c), true)).toEqual(base);
      }
    });
  }

  it('negative control: a tolerance relative to the payoffs (1e-9 of their size, the old rule) does flip verdicts under a shift', () => {
    const g = affine(matchingPennies(), 1, 1e10);
    expect(checkExactPotential(g, { tolerance: 1e-9 }).holds).toBe(true); // |imbalance| 4 < 1e-9 · 10^10
    expect(checkFiniteImprovement(g, { tolerance: 1e-9 }).holds).toBe(true); // gains of 2 ignored
    const pd = affine(prisonersDilemma(), 1, -1e12);
    expect(pureNashEquilibria(pd, { tolerance: 1e-9 }).length).toBeGreaterThan(pureNashEquilibria(pd).length);
  });

  it('a weighted identity with weights that do not round exactly is still decided exactly (TwoProduct)', () => {
    // Row costs scaled by 0.1 (not a dyadic number): weights (10, 1) make it an exact potential game.
    const g = bimatrixGame(
      [
        [0.1 * 1, 0.1 * 3],
        [0, 0.1 * 2],
      ],
      [
        [1, 0],
        [3, 2],
      ],
    );
    const float = checkWeightedPotential(g, [10, 1]);
    const exact = checkWeightedPotential(g, [10, 1], { exact: true });
    expect(exact.holds).toBe(float.holds);
    expect(float.counterexample === null ? 0 : Math.abs(float.counterexample.imbalance)).toBeLessThan(1e-14);
  });
});
