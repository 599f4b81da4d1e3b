import { describe, expect, it } from 'vitest';
import { buildGame, generateScenario, LoadState } from '@jcaco/model';
import { decodeProfile } from '../../finite/profile-space.js';
import { ProfileSpaceTooLargeError } from '../../errors.js';
import { actionsToCodes } from '../adapter.js';
import { jcacoEquilibria } from '../equilibria.js';

describe('jcacoEquilibria', () => {
  it('lists exactly the profiles where no UE gains by deviating (checked with LoadState), and the minimiser of Φ is one of them', () => {
    const game = buildGame(generateScenario({ preset: 'tiny', seed: 5 }));
    const eq = jcacoEquilibria(game);
    const direct: string[] = [];
    for (let p = 0; p < eq.table.size; p++) {
      const codes = actionsToCodes(game, decodeProfile(eq.table, p));
      const s = new LoadState(game, codes);
      let stable = true;
      for (let i = 0; i < game.N; i++)
        if (s.time(i) - (s.bestResponse(i), s.bestTime) > 1e-12 * s.time(i)) stable = false;
      if (stable) direct.push(codes.join(','));
    }
    expect(eq.equilibria.map((c) => c.join(','))).toEqual(direct);
    expect(eq.report.argminPotentialIsNash).toBe(true);
    expect(direct).toContain(eq.argminPotential!.join(','));
  });

  it('checks Φ ≤ C ≤ 2Φ on every profile and PoS ≤ 2 (docs/spec-model.md §4)', () => {
    const eq = jcacoEquilibria(buildGame(generateScenario({ preset: 'small', seed: 2, ues: 3 })));
    expect(eq.bounds.holds).toBe(true);
    expect(eq.bounds.minRatio).toBeGreaterThanOrEqual(1);
    expect(eq.bounds.maxRatio).toBeLessThanOrEqual(2);
    expect(eq.report.priceOfStability).toBeGreaterThanOrEqual(1);
    expect(eq.priceOfStabilityAtMost2).toBe(true);
    expect(eq.report.priceOfAnarchy).toBeGreaterThanOrEqual(eq.report.priceOfStability);
  });

  it('refuses a profile space over the enumeration limit, saying how large it is', () => {
    const game = buildGame(generateScenario({ ues: 10, seed: 1 }));
    expect(() => jcacoEquilibria(game)).toThrow(ProfileSpaceTooLargeError);
    expect(() => jcacoEquilibria(game)).toThrow(
      /^tabulate: the profile space has [\d.e+]+ profiles, over the enumeration limit of 1048576/,
    );
  });
});
