import { describe, expect, it } from 'vitest';
import { bimatrixGame } from '../finite-game.js';
import { checkFiniteImprovement } from '../improvement.js';
import { closedPathImbalance } from '../potential.js';
import * as classic from './classic-games.js';

describe('checkFiniteImprovement', () => {
  it('finds the better-response cycle of matching pennies, every step a strict improvement', () => {
    const cert = checkFiniteImprovement(classic.matchingPennies());
    expect(cert.holds).toBe(false);
    const cyc = cert.cycle!;
    expect(cyc.profiles).toHaveLength(4);
    for (const g of cyc.gains) expect(g).toBeGreaterThan(0);
    const imb = closedPathImbalance(classic.matchingPennies(), cyc.profiles);
    expect(imb.movers).toEqual(cyc.movers);
    expect(imb.imbalance).toBeCloseTo(-cyc.gains.reduce((a, b) => a + b, 0), 12);
    expect(cert.sinks).toBe(0);
    expect(cert.edges).toBe(4);
  });

  it('finds rock–paper–scissors cyclic and returns a short cycle', () => {
    const cert = checkFiniteImprovement(classic.rockPaperScissors());
    expect(cert.holds).toBe(false);
    expect(cert.cycle!.profiles.length).toBeLessThanOrEqual(6);
  });

  it('finds the FIP in potential games and in a game with only a weighted potential', () => {
    for (const g of [classic.prisonersDilemma(), classic.congestionGame(), classic.unequalCoordination()]) {
      const cert = checkFiniteImprovement(g);
      expect(cert.holds).toBe(true);
      expect(cert.cycle).toBeNull();
    }
    expect(checkFiniteImprovement(classic.prisonersDilemma())).toMatchObject({ profiles: 4, edges: 4, sinks: 1 });
  });

  it('sees improvements of one ulp by default (exact comparison), and ignores them within a declared cost error or tolerance', () => {
    const eps = 1e-15;
    // A tie-cycle broken by tiny float differences: a "cycle" of noise, not of improvements
    const g = bimatrixGame(
      [
        [1, 1 + eps],
        [1 + eps, 1],
      ],
      [
        [1 + eps, 1],
        [1, 1 + eps],
      ],
    );
    expect(checkFiniteImprovement(g).holds).toBe(false);
    expect(checkFiniteImprovement(g).margin).toBeGreaterThan(0);
    expect(checkFiniteImprovement({ ...g, costRelError: 1e-12 }).holds).toBe(true);
    expect(checkFiniteImprovement(g, { tolerance: 1e-12 }).holds).toBe(true);
  });
});
