import { describe, expect, it } from 'vitest';
import { channel, model, relDiff, scenario, ue } from '../../__tests__/scenarios.js';
import { completionTimesNaive } from '../evaluate.js';
import { buildGame } from '../game.js';
import { LoadState } from '../load-state.js';

/** Three UEs, two APs, two servers (one model each, steps {10, 20}): C = 4 options. */
function smallGame(policy: 'optimal' | 'equal' = 'optimal'): ReturnType<typeof buildGame> {
  return buildGame(
    scenario({
      channel: channel({ minSnrDb: -30 }),
      allocation: policy,
      aps: [
        { id: 'a', position: [0, 0], bandwidthHz: 2e7 },
        { id: 'b', position: [200, 0], bandwidthHz: 1e7 },
      ],
      servers: [
        { id: 'k1', flops: 1e14, models: [model('g1', 4e11, [10, 20])] },
        { id: 'k2', flops: 5e13, models: [model('g2', 1.2e12, [10, 20])] },
      ],
      ues: [
        ue('u0', [30, 20]),
        ue('u1', [150, -10], { downlinkBits: 3e6 }),
        ue('u2', [90, 60], { downlinkBits: 1.2e7 }),
      ],
    }),
  );
}

describe('LoadState', () => {
  it('starts empty by default: every time NaN, Φ = 0, no load', () => {
    const game = smallGame();
    const state = new LoadState(game);
    expect(Array.from(state.profile)).toEqual([-1, -1, -1]);
    expect(state.time(0)).toBeNaN();
    expect(state.potential()).toBe(0);
    expect(state.socialCost()).toBe(0);
    expect(state.apLoad(0)).toBe(0);
    expect(state.apCount(1)).toBe(0);
    expect(state.serverCount(0)).toBe(0);
  });

  it('counts UEs and sums loads per AP and server', () => {
    const game = smallGame();
    const C = game.C;
    const state = new LoadState(game, [0 * C + 0, 0 * C + 3, 1 * C + 1]);
    expect(state.apCount(0)).toBe(2);
    expect(state.apCount(1)).toBe(1);
    expect(state.serverCount(0)).toBe(2); // options 0, 1 are on k1
    expect(state.serverCount(1)).toBe(1);
    expect(relDiff(state.apLoad(0), game.x[0 * game.M]! + game.x[1 * game.M]!)).toBeLessThan(1e-15);
    expect(relDiff(state.serverLoad(0), game.optY[0]! + game.optY[1]!)).toBeLessThan(1e-15);
  });

  it('a UE alone on an AP and a server has its solo time; an emptied AP is exactly empty again', () => {
    const game = smallGame();
    const C = game.C;
    const state = new LoadState(game, [0, -1, -1]);
    const solo = game.x2[0]! / game.B[0]! + game.optW[0]! / game.F[0]!;
    expect(relDiff(state.time(0), solo)).toBeLessThan(1e-15);
    state.move(1, 0);
    state.move(2, 1 * C + 1);
    state.move(1, -1);
    state.move(2, -1);
    expect(state.apLoad(1)).toBe(0);
    expect(relDiff(state.time(0), solo)).toBeLessThan(1e-15);
  });

  it('timeIf(i, a) is the time UE i gets after moving to a, without moving it', () => {
    for (const policy of ['optimal', 'equal'] as const) {
      const game = smallGame(policy);
      const profile = [0, 3, game.C + 1];
      const state = new LoadState(game, profile);
      for (let i = 0; i < game.N; i++) {
        for (let j = game.offsets[i]!; j < game.offsets[i + 1]!; j++) {
          const a = game.strategies[j]!;
          const alt = [...profile];
          alt[i] = a;
          expect(relDiff(state.timeIf(i, a), completionTimesNaive(game, alt)[i]!)).toBeLessThan(1e-14);
          expect(Array.from(state.profile)).toEqual(profile);
        }
      }
    }
  });

  it('moving to the current strategy is a no-op', () => {
    const game = smallGame();
    const state = new LoadState(game, [0, 1, 2]);
    const phi = state.potential();
    state.move(1, 1);
    expect(state.potential()).toBe(phi);
  });

  it('rejects a profile of the wrong length and out-of-range codes with RangeErrors naming the API', () => {
    const game = smallGame();
    expect(() => new LoadState(game, [0, 0])).toThrow(/^LoadState: expected a profile of 3 codes, got 2/);
    const state = new LoadState(game);
    expect(() => state.move(0, game.M * game.C)).toThrow(/^LoadState.move: code 8 out of range for UE 0/);
  });
});
