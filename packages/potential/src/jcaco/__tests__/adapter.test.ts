import { describe, expect, it } from 'vitest';
import { buildGame, completionTimesNaive, evaluateProfile, generateScenario } from '@jcaco/model';
import { tabulate } from '../../finite/finite-game.js';
import { parseNfg, toNfg } from '../../finite/nfg.js';
import { pureNashEquilibria } from '../../finite/nash.js';
import { decodeProfile } from '../../finite/profile-space.js';
import { actionsToCodes, jcacoFiniteGame, strategyLabel } from '../adapter.js';

describe('jcacoFiniteGame', () => {
  const game = buildGame(generateScenario({ preset: 'tiny', seed: 2, allocation: 'equal' }));

  it('tabulates by odometer exactly what the cost callback and the naive O(N²) times give', () => {
    const fg = jcacoFiniteGame(game);
    const fast = tabulate(fg);
    const slow = tabulate({ players: fg.players, actions: fg.actions, cost: fg.cost, potential: fg.potential! });
    for (let p = 0; p < fast.size; p++) {
      const codes = actionsToCodes(game, decodeProfile(fast, p));
      const naive = completionTimesNaive(game, codes);
      for (let i = 0; i < game.N; i++) {
        expect(Math.abs(fast.costs[p * game.N + i]! - slow.costs[p * game.N + i]!)).toBeLessThanOrEqual(
          1e-12 * naive[i]!,
        );
        expect(Math.abs(fast.costs[p * game.N + i]! - naive[i]!)).toBeLessThanOrEqual(1e-12 * naive[i]!);
      }
      expect(Math.abs(fast.potential![p]! - evaluateProfile(game, codes).potential)).toBeLessThanOrEqual(
        1e-12 * fast.potential![p]!,
      );
    }
  });

  it('exports to Gambit .nfg with UE ids and strategy labels, and the file reads back to the same equilibria', () => {
    const text = toNfg(jcacoFiniteGame(game), { title: game.scenario.name });
    expect(text.startsWith(`NFG 1 R "${game.scenario.name}" { "ue1" "ue2" "ue3" }`)).toBe(true);
    expect(text).toContain(`"${strategyLabel(game, game.strategies[0]!)}"`);
    const back = parseNfg(text);
    expect(pureNashEquilibria(back.game)).toEqual(pureNashEquilibria(jcacoFiniteGame(game)));
  });
});
