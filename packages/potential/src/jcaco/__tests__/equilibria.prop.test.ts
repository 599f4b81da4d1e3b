import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbTinyGame, fcParams } from '@jcaco/model/arbitraries';
import { jcacoEquilibria } from '../equilibria.js';

describe('equilibria (property)', () => {
  it('the minimiser of Φ is a pure Nash equilibrium', () => {
    fc.assert(
      fc.property(arbTinyGame({ policy: 'optimal' }), (game) => {
        const eq = jcacoEquilibria(game);
        expect(eq.report.nashCount).toBeGreaterThan(0);
        expect(eq.report.argminPotentialIsNash).toBe(true);
      }),
      fcParams(40),
    );
  });

  it('PoS ≤ 2, and Φ ≤ C ≤ 2Φ at every profile', () => {
    fc.assert(
      fc.property(arbTinyGame({ policy: 'optimal' }), (game) => {
        const eq = jcacoEquilibria(game);
        expect(eq.priceOfStabilityAtMost2).toBe(true);
        expect(eq.report.priceOfStability).toBeLessThanOrEqual(2 * (1 + 1e-12));
        expect(eq.bounds.holds).toBe(true);
      }),
      fcParams(40),
    );
  });

  it('negative control: under equal, fast-check finds a game whose minimiser of the Φ formula is not an equilibrium', () => {
    const result = fc.check(
      fc.property(
        arbTinyGame({ policy: 'equal' }),
        (game) => jcacoEquilibria(game).report.argminPotentialIsNash === true,
      ),
      { ...fcParams(300), numRuns: Math.max(300, fcParams(300).numRuns ?? 0) },
    );
    expect(result.failed).toBe(true);
  });
});
