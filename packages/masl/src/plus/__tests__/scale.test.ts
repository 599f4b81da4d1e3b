import { describe, expect, it } from 'vitest';
import { buildGame, generateScenario } from '@jcaco/model';
import { isPureNe } from '../../__tests__/games.js';
import { runMaslPlus } from '../../runner/masl-plus.js';

// Paper-scale games (30 UEs, 4 APs, 3 ESs, about 180 strategies per UE). docs/masl.md measures the
// rate over 50 seeds (tools/bench/src/masl/plus-table.ts); here a few seeds, each run well under 5 s.
const paper = (seed: number) => buildGame(generateScenario({ seed }));

describe('runMaslPlus at the paper scale (N = 30)', () => {
  it.each([1, 2, 3])(
    'seed %i: stops by its own rule within 50 000 slots at a profile that passes the exact NE check (gain ≤ 1e-9 of the UE’s time)',
    (seed) => {
      const game = paper(seed);
      const run = runMaslPlus(game, { seed, maxSlots: 50_000, trace: false });
      expect(run.result.converged).toBe(true);
      expect(run.slots).toBeLessThan(50_000);
      expect(isPureNe(game, run.result.profile)).toBe(true);
    },
  );

  it('negative control: with probing disabled no UE ever settles, and the learned profile fails the same check', () => {
    const game = paper(1);
    const run = runMaslPlus(game, { seed: 1, maxSlots: 20_000, trace: false, probeRate: 0 });
    expect(run.result.converged).toBe(false);
    expect(run.slots).toBe(20_000);
    expect(isPureNe(game, run.result.profile)).toBe(false);
  });

  it('same seed → same bytes (the whole result but its wall time)', () => {
    const game = paper(5);
    const bytes = () => {
      const r = runMaslPlus(game, { seed: 9, maxSlots: 6_000, traceEvery: 1_000 });
      return JSON.stringify({ ...r.result, wallTimeS: 0 }, (_, v) =>
        ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v,
      );
    };
    expect(bytes()).toBe(bytes());
  });
});
