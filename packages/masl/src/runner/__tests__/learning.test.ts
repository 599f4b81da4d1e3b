import { beforeAll, describe, expect, it } from 'vitest';
import { learningGame } from '@jcaco/model/arbitraries';
import { isPureNe } from '../../__tests__/games.js';
import { runMasl } from '../masl.js';
import { runMaslPlus } from '../masl-plus.js';

/**
 * The small seeded version of the NE-rate table of docs/masl.md (the full table is
 * tools/bench/src/masl/table.ts): its direction and MASL+'s advantage, on 12 games.
 */
const SEEDS = Array.from({ length: 12 }, (_, k) => k + 1);

function rate(b: number): { ne: number; slots: number } {
  let ne = 0;
  let slots = 0;
  for (const seed of SEEDS) {
    const game = learningGame(seed);
    const run = runMasl(game, { stepSize: b, seed, maxSlots: 400_000, trace: false });
    if (isPureNe(game, run.result.profile)) ne++;
    slots += run.slots;
  }
  return { ne, slots };
}

describe('how well MASL learns (small seeded version of the table)', () => {
  let coarse = { ne: 0, slots: 0 };
  let fine = { ne: 0, slots: 0 };
  beforeAll(() => {
    coarse = rate(0.05);
    fine = rate(0.005);
  });

  it('ends at a pure NE more often as the step size b falls (the direction of Theorem 3)', () => {
    expect(fine.ne).toBeGreaterThan(coarse.ne);
    expect(fine.ne).toBeGreaterThanOrEqual(9);
  });

  it('negative control: with a large step, a good share of runs end away from any NE', () => {
    expect(coarse.ne).toBeLessThanOrEqual(SEEDS.length - 4);
  });

  it('MASL+ ends at a pure NE on (almost) every game, in fewer slots than MASL at b = 0.005', () => {
    let ne = 0;
    let slots = 0;
    for (const seed of SEEDS) {
      const game = learningGame(seed);
      const run = runMaslPlus(game, { seed, maxSlots: 400_000, trace: false });
      expect(run.result.converged).toBe(true);
      if (isPureNe(game, run.result.profile)) ne++;
      slots += run.slots;
    }
    expect(ne).toBeGreaterThanOrEqual(SEEDS.length - 1);
    expect(slots).toBeLessThan(fine.slots / 2);
  });
});
