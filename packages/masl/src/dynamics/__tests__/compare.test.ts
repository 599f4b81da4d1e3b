import { describe, expect, it } from 'vitest';
import { createRng, nextDouble } from '@jcaco/model';
import { smallGame } from '../../__tests__/games.js';
import { SlotEnvironment } from '../../runner/environment.js';
import { announcedBounds, compareWithOde, logSlope } from '../compare.js';

describe('announcedBounds', () => {
  for (const setting of ['complete', 'stochastic'] as const) {
    for (const policy of ['optimal', 'equal'] as const) {
      it(`(${setting}, ${policy}) bound every time a UE can observe, in any profile and slot`, () => {
        const game = smallGame(
          70,
          { ues: 5, aps: 2, servers: 2, steps: 3, policy, activity: setting === 'stochastic' },
          setting,
        );
        const { tmin, tmax } = announcedBounds(game);
        const env = new SlotEnvironment(game);
        const rng = createRng(3);
        const codes = new Int32Array(game.N);
        const times = new Float64Array(game.N);
        for (let t = 0; t < 3000; t++) {
          for (let i = 0; i < game.N; i++) {
            const lo = game.offsets[i]!;
            codes[i] =
              nextDouble(rng) < 0.8
                ? game.strategies[lo + Math.floor(nextDouble(rng) * (game.offsets[i + 1]! - lo))]!
                : -1;
          }
          env.play(codes, rng, times);
          for (let i = 0; i < game.N; i++) {
            if (codes[i]! < 0) continue;
            expect(times[i]).toBeGreaterThanOrEqual(tmin[i]! * (1 - 1e-12));
            expect(times[i]).toBeLessThanOrEqual(tmax[i]! * (1 + 1e-12));
          }
        }
      });
    }
  }
});

describe('logSlope', () => {
  it('fits the exponent of a power law exactly and is NaN on one point', () => {
    expect(logSlope([1, 2, 4], [3, 6, 12])).toBeCloseTo(1, 12);
    expect(logSlope([0.04, 0.02, 0.01], [0.2, 0.2 / Math.SQRT2, 0.1])).toBeCloseTo(0.5, 12);
    expect(logSlope([1], [1])).toBeNaN();
  });
});

describe('compareWithOde (MASL vs its mean dynamics, docs/spec-model.md §7)', () => {
  const game = smallGame(71, { ues: 3, aps: 2, servers: 2, steps: 2 });
  const seeds = Array.from({ length: 200 }, (_, k) => k);
  const stepSizes = [0.04, 0.02, 0.01];

  it('the seed-averaged MASL path (time rescaled by b) approaches the ODE solution ∝ b; single runs ∝ sqrt(b)', () => {
    const cmp = compareWithOde(game, { stepSizes, seeds, horizon: 20 });
    for (let k = 1; k < cmp.gaps.length; k++) {
      expect(cmp.gaps[k]!.meanPathGap).toBeLessThan(cmp.gaps[k - 1]!.meanPathGap);
      expect(cmp.gaps[k]!.meanGap).toBeLessThan(cmp.gaps[k - 1]!.meanGap);
    }
    // The bias of the mean path is O(b); the fluctuations of one run are diffusive, O(sqrt(b)).
    expect(cmp.meanPathSlope).toBeGreaterThan(0.6);
    expect(cmp.slope).toBeGreaterThan(0.3);
    expect(cmp.slope).toBeLessThan(0.7);
  });

  it('negative control: against a wrongly timed ODE (reward scale × 2) the mean-path gap stops shrinking', () => {
    const cmp = compareWithOde(game, { stepSizes, seeds, horizon: 20, odeScale: 2 });
    expect(cmp.meanPathSlope).toBeLessThan(0.3);
    expect(cmp.gaps[2]!.meanPathGap).toBeGreaterThan(0.08);
  });
});
