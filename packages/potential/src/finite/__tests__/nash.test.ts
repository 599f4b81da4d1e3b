import { describe, expect, it } from 'vitest';
import { tabulate } from '../finite-game.js';
import { analyzeEquilibria, pureNashEquilibria } from '../nash.js';
import { checkExactPotential } from '../potential.js';
import { decodeProfile } from '../profile-space.js';
import { congestionGame, matchingPennies, prisonersDilemma } from './classic-games.js';

describe('pureNashEquilibria', () => {
  it("finds mutual defection as the only equilibrium of the prisoner's dilemma", () => {
    expect(pureNashEquilibria(prisonersDilemma())).toEqual([3]);
  });

  it('finds none in matching pennies', () => {
    expect(pureNashEquilibria(matchingPennies())).toEqual([]);
  });

  it('agrees with a direct definition on the congestion game', () => {
    const t = tabulate(congestionGame());
    const g = congestionGame();
    const direct: number[] = [];
    for (let p = 0; p < t.size; p++) {
      const a = decodeProfile(t, p);
      let stable = true;
      for (let i = 0; i < 3 && stable; i++) {
        const own = g.cost(i, a);
        for (let b = 0; b < t.actions[i]!; b++) {
          const a2 = Int32Array.from(a);
          a2[i] = b;
          if (g.cost(i, a2) < own) stable = false;
        }
      }
      if (stable) direct.push(p);
    }
    expect(direct.length).toBeGreaterThan(0);
    expect(pureNashEquilibria(t)).toEqual(direct);
  });
});

describe('analyzeEquilibria', () => {
  it("rates the prisoner's dilemma: PoA = PoS = 2", () => {
    const r = analyzeEquilibria(prisonersDilemma(), { potential: checkExactPotential(prisonersDilemma()).potential });
    expect(r.nashCount).toBe(1);
    expect(r.socialOptimum).toMatchObject({ profile: [0, 0], socialCost: 2 });
    expect(r.priceOfStability).toBe(2);
    expect(r.priceOfAnarchy).toBe(2);
    expect(r.argminPotential!.profile).toEqual([1, 1]);
    expect(r.argminPotentialIsNash).toBe(true);
  });

  it('uses the declared potential by default, and its minimiser is an equilibrium', () => {
    const r = analyzeEquilibria(congestionGame());
    expect(r.argminPotential).not.toBeNull();
    expect(r.argminPotentialIsNash).toBe(true);
    expect(r.priceOfAnarchy).toBeGreaterThanOrEqual(r.priceOfStability);
    expect(r.priceOfStability).toBeGreaterThanOrEqual(1);
  });

  it('reports no equilibrium and undefined prices for matching pennies', () => {
    const r = analyzeEquilibria(matchingPennies());
    expect(r.nashCount).toBe(0);
    expect(r.bestNash).toBeNull();
    expect(r.priceOfStability).toBeNaN();
    expect(r.argminPotential).toBeNull();
  });

  it('shows that the minimiser of a wrong potential need not be an equilibrium (negative control)', () => {
    const wrong = Float64Array.of(3, 2, 1, 4); // minimised at (C, D), not an NE
    const r = analyzeEquilibria(prisonersDilemma(), { potential: wrong });
    expect(r.argminPotential!.profile).toEqual([0, 1]);
    expect(r.argminPotentialIsNash).toBe(false);
  });
});
