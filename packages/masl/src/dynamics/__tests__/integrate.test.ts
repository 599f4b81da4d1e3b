import { describe, expect, it } from 'vitest';
import { isPureNe, randomInterior, smallGame } from '../../__tests__/games.js';
import { integrateMeanField } from '../integrate.js';
import { MeanField } from '../mean-field.js';

/** A reward scale per UE of the size of its own spread of times (the `range` normalisation's order). */
function spreadScale(field: MeanField, p: Float64Array): Float64Array {
  const T = field.expectedTimes(p);
  const g = field.game;
  return Float64Array.from({ length: g.N }, (_, i) => {
    let lo = Infinity;
    let hi = -Infinity;
    for (let j = g.offsets[i]!; j < g.offsets[i + 1]!; j++) {
      lo = Math.min(lo, T[j]!);
      hi = Math.max(hi, T[j]!);
    }
    return hi - lo;
  });
}

function maxP(g: MeanField['game'], p: Float64Array, i: number): number {
  let m = 0;
  for (let j = g.offsets[i]!; j < g.offsets[i + 1]!; j++) m = Math.max(m, p[j]!);
  return m;
}

describe('integrateMeanField', () => {
  for (const setting of ['complete', 'stochastic'] as const) {
    it(`(${setting}) V decreases along the path, which stays on the simplices and ends near a pure NE`, () => {
      let ne = 0;
      const trials = 4;
      for (let s = 0; s < trials; s++) {
        const game = smallGame(
          60 + s,
          { ues: 4, aps: 2, servers: 2, steps: 2, activity: setting === 'stochastic' },
          setting,
        );
        const probe = new MeanField(game, { tmax: 1 });
        const p0 = randomInterior(game, s);
        const field = new MeanField(game, { tmax: spreadScale(probe, p0) });
        const path = integrateMeanField(field, p0, 4000);
        expect(path.status).toBe('success');
        // Nonincreasing up to the integrator's error (rtol 1e-8): once at rest V wiggles at ~1e-12.
        for (let k = 1; k < path.V.length; k++)
          expect(path.V[k]!).toBeLessThanOrEqual(path.V[k - 1]! + 1e-10 * Math.abs(path.V[k - 1]!));
        expect(path.V[path.V.length - 1]!).toBeLessThan(path.V[0]!);
        for (const p of path.p) expect(field.simplexViolation(p)).toBeLessThanOrEqual(1e-9);
        for (let i = 0; i < game.N; i++) expect(maxP(game, path.pEnd, i)).toBeGreaterThan(0.99);
        if (isPureNe(game, path.profile)) ne++;
      }
      // Pure NE are the stable rest points: from interior starts the path ends at one.
      expect(ne).toBe(trials);
    });
  }

  it('negative control: along the reversed field V increases, so the check above can fail', () => {
    const game = smallGame(64, { ues: 3, aps: 2, servers: 2, steps: 2 });
    const field = new MeanField(game, { tmax: 1 });
    const reversed = Object.assign(Object.create(Object.getPrototypeOf(field) as object) as MeanField, field, {
      rhs: (t: number, p: Float64Array, dp: Float64Array) => {
        field.rhs(t, p, dp);
        for (let j = 0; j < dp.length; j++) dp[j] = -dp[j]!;
      },
    });
    const path = integrateMeanField(reversed, randomInterior(game, 1, 0.5), 0.5);
    expect(path.V[path.V.length - 1]!).toBeGreaterThan(path.V[0]!);
  });

  it('rejects a start off the simplices and a bad horizon', () => {
    const game = smallGame(65, { ues: 2, aps: 1, servers: 1, steps: 2 });
    const field = new MeanField(game, { tmax: 1 });
    const bad = field.uniform();
    bad[0]! += 0.1;
    expect(() => integrateMeanField(field, bad, 1)).toThrow(
      /^integrateMeanField: expected p0 on the product of simplices/,
    );
    expect(() => integrateMeanField(field, field.uniform(), 0)).toThrow(
      /^integrateMeanField: expected a positive finite horizon/,
    );
  });
});
