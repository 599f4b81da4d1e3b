import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildGame, generateScenario, LoadState, type Game, type Scenario } from '@jcaco/model';
import { fcParams } from '@jcaco/model/arbitraries';
import { smallGame } from '../../__tests__/games.js';
import { UE_VIEW_KEYS, ueView, type UeView } from '../view.js';

/** The others' aggregates S^{−i}_m, Y^{−i}_k of a profile, from the model's LoadState. */
function othersLoads(game: Game, state: LoadState, i: number): { S: Float64Array; Y: Float64Array } {
  const code = state.profile[i]!;
  const m0 = (code / game.C) | 0;
  const c0 = code - m0 * game.C;
  const S = Float64Array.from({ length: game.M }, (_, m) => state.apLoad(m) - (m === m0 ? game.x[i * game.M + m]! : 0));
  const Y = Float64Array.from(
    { length: game.K },
    (_, k) => state.serverLoad(k) - (k === game.optServer[c0] ? game.optY[c0]! : 0),
  );
  return { S, Y };
}

/** The largest relative error of the view's affine law T = solo + apSlope·S + serverSlope·Y against timeIf. */
function affineError(
  game: Game,
  profile: Int32Array,
  i: number,
  view: UeView,
  S: Float64Array,
  Y: Float64Array,
): number {
  const state = new LoadState(game, profile);
  let worst = 0;
  for (let a = 0; a < view.size; a++) {
    const t = state.timeIf(i, view.code[a]!);
    const pred = view.solo[a]! + view.apSlope[a]! * S[view.ap[a]!]! + view.serverSlope[a]! * Y[view.server[a]!]!;
    worst = Math.max(worst, Math.abs(pred - t) / t);
  }
  return worst;
}

const randomProfile = (game: Game, picks: number[]): Int32Array =>
  Int32Array.from({ length: game.N }, (_, i) => {
    const n = game.offsets[i + 1]! - game.offsets[i]!;
    return game.strategies[game.offsets[i]! + (picks[i]! % n)]!;
  });

describe('ueView', () => {
  const game = buildGame(generateScenario({ seed: 4 }));

  it('exposes exactly the documented keys, frozen, with arrays of the UE’s own |A_i| only', () => {
    const v = ueView(game, 7);
    expect(Object.keys(v).sort()).toEqual([...UE_VIEW_KEYS].sort());
    expect(Object.isFrozen(v)).toBe(true);
    const n = game.offsets[8]! - game.offsets[7]!;
    for (const key of UE_VIEW_KEYS) {
      const value = (v as unknown as Record<string, unknown>)[key];
      if (ArrayBuffer.isView(value)) expect((value as Float64Array).length).toBe(n);
      else expect(typeof value).toBe('number');
    }
    expect([v.aps, v.servers, v.options, v.size]).toEqual([game.M, game.K, game.C, n]);
  });

  it('holds copies: changing the view changes nothing in the game', () => {
    const v = ueView(game, 0);
    const before = Float64Array.from(game.x);
    (v.apSlope as Float64Array).fill(0);
    (v.code as Int32Array).fill(0);
    expect(Array.from(game.x)).toEqual(Array.from(before));
    expect(ueView(game, 0).apSlope.some((s) => s > 0)).toBe(true);
  });

  it('depends on nothing but the UE’s own data and the catalogue: other UEs’ positions and demands leave it unchanged', () => {
    const s = generateScenario({ seed: 4 });
    const moved: Scenario = {
      ...s,
      ues: s.ues.map((u, j) =>
        j === 3
          ? u
          : { ...u, position: [u.position[1], u.position[0]] as [number, number], uplinkBits: u.uplinkBits * 2 },
      ),
    };
    const other = buildGame(moved);
    expect(other.x).not.toEqual(game.x); // the others did change
    expect(ueView(other, 3)).toEqual(ueView(game, 3));
    // Negative control: a change of UE 3's own data does change its view.
    const own: Scenario = { ...s, ues: s.ues.map((u, j) => (j === 3 ? { ...u, uplinkBits: u.uplinkBits * 2 } : u)) };
    expect(ueView(buildGame(own), 3)).not.toEqual(ueView(game, 3));
  });

  it('gives the model’s time of every alternative from the others’ two aggregates (docs/spec-model.md §3–§4)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 500 }),
        fc.array(fc.nat(), { minLength: 30, maxLength: 30 }),
        fc.nat(29),
        (seed, picks, i) => {
          const g = buildGame(generateScenario({ seed }));
          const profile = randomProfile(g, picks);
          const state = new LoadState(g, profile);
          const { S, Y } = othersLoads(g, state, i);
          return affineError(g, profile, i, ueView(g, i), S, Y) < 1e-12;
        },
      ),
      fcParams(30),
    );
  });

  it('negative control: the `optimal` slopes do not give the times of an `equal` game', () => {
    const g = smallGame(3, { ues: 4, aps: 2, servers: 2, steps: 2, policy: 'equal' });
    const optimal = smallGame(3, { ues: 4, aps: 2, servers: 2, steps: 2 });
    const profile = randomProfile(g, [0, 1, 2, 3]);
    const { S, Y } = othersLoads(g, new LoadState(g, profile), 0);
    expect(affineError(g, profile, 0, ueView(optimal, 0), S, Y)).toBeGreaterThan(1e-3);
  });

  it('rejects a UE that does not exist', () => {
    expect(() => ueView(game, 30)).toThrow(/^ueView: expected a UE index in \[0, 30\), got 30/);
  });
});

describe('PlusAgent information boundary', () => {
  it('the agent module imports no game, load or profile: only the UeView type (its randomness is passed in)', () => {
    const source = readFileSync(fileURLToPath(new URL('../agent.ts', import.meta.url)), 'utf8');
    const imports = source.split('\n').filter((l) => l.startsWith('import'));
    expect(imports).toEqual(["import type { UeView } from './view.js';"]);
  });
});
