import fc from 'fast-check';
import { arbGame, fcParams } from '@jcaco/model/arbitraries';
import { buildGame, isFeasible, soloTime, strategyAp } from '@jcaco/model';
import { describe, expect, it } from 'vitest';
import { nearestProfile, nearestSolver } from '../nearest.js';
import { tinyScenario } from '../../__tests__/scenarios.js';

describe('nearestSolver', () => {
  it('picks a feasible strategy on the in-range AP of largest mean SNR, of least solo time there (brute force)', () => {
    fc.assert(
      fc.property(arbGame({ ues: [1, 5], policy: 'both' }), (game) => {
        const r = nearestSolver.solve(game);
        for (let i = 0; i < game.N; i++) {
          const a = r.profile[i]!;
          expect(isFeasible(game, i, a)).toBe(true);
          const m = strategyAp(game, a);
          for (let mm = 0; mm < game.M; mm++)
            if (game.inRange[i * game.M + mm])
              expect(game.snr[i * game.M + m]!).toBeGreaterThanOrEqual(game.snr[i * game.M + mm]!);
          for (let j = game.offsets[i]!; j < game.offsets[i + 1]!; j++) {
            const b = game.strategies[j]!;
            if (strategyAp(game, b) === m) expect(soloTime(game, i, a)).toBeLessThanOrEqual(soloTime(game, i, b));
          }
        }
        expect(r.seed).toBeNull();
        expect(r.iterations).toBe(1);
      }),
      fcParams(60),
    );
  });

  it('ignores congestion: piling every UE on the strongest AP leaves some UE a gain (negative control of the NE law)', () => {
    // Eight UEs near AP 1 and one equal AP a little farther away: nearest sends all to AP 1.
    const s = tinyScenario(7, { ues: 8, aps: 2, servers: 1, steps: 1, demandScale: 20 });
    s.aps[0]!.position = [0, 0];
    s.aps[1]!.position = [60, 0];
    s.aps[1]!.bandwidthHz = s.aps[0]!.bandwidthHz;
    s.ues.forEach((ue, i) => (ue.position = [5 + i, 0]));
    const game = buildGame(s);
    const r = nearestSolver.solve(game);
    expect(new Set(Array.from(r.profile, (a) => strategyAp(game, a)))).toEqual(new Set([0]));
    expect(r.maxDeviationGain).toBeGreaterThan(0.1 * r.meanTime);
    expect(nearestProfile(game)).toEqual(r.profile);
  });
});
