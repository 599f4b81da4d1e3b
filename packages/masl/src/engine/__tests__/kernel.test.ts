import { describe, expect, it } from 'vitest';
import { buildGame, generateScenario, RngStreams, strategyCode, type Game } from '@jcaco/model';
import { AutomatonPool } from '../../automaton/pool.js';
import { RewardMap } from '../../runner/reward.js';
import { factorStrategies, kernelGame, kernelState, SlotKernel } from '../kernel.js';

/** The strategy code of action a of UE i as the kernel computes it from the factored tables (−1: read from `strategies`). */
function factoredCode(
  f: ReturnType<typeof factorStrategies>,
  game: Pick<Game, 'M' | 'C'>,
  i: number,
  a: number,
): number {
  const n = f.nOpt[i]!;
  if (n === 0) return -1;
  const k = Math.floor(a / n);
  return strategyCode(game, f.apOf[i * game.M + k]!, f.optLists[f.optStart[i]! + a - k * n]!);
}

const games = [
  buildGame(generateScenario({ preset: 'paper', ues: 300, aps: 5, servers: 4, seed: 11, areaM: 700 })),
  buildGame(generateScenario({ preset: 'small', ues: 50, seed: 3 })),
];

describe('factorStrategies (the feasible sets as in-range APs × options)', () => {
  it('factors every UE of generated games, and the tables give back every strategy code exactly', () => {
    for (const game of games) {
      const f = factorStrategies(game);
      for (let i = 0; i < game.N; i++) {
        expect(f.nOpt[i]).toBeGreaterThan(0);
        for (let a = 0; a < game.offsets[i + 1]! - game.offsets[i]!; a++)
          expect(factoredCode(f, game, i, a)).toBe(game.strategies[game.offsets[i]! + a]);
      }
      // Option lists are shared, not one per UE.
      let listed = 0;
      for (let i = 0; i < game.N; i++) listed += f.nOpt[i]!;
      expect(f.optLists.length).toBeLessThan(listed);
    }
  });

  it('leaves a UE whose set is not a product to the strategy array (n_i = 0), and factors the others', () => {
    const game = games[0]!;
    // UE 1 loses its last strategy: its set is no longer APs × options.
    const cut = game.offsets[2]! - 1;
    const strategies = Int32Array.from([...game.strategies.subarray(0, cut), ...game.strategies.subarray(cut + 1)]);
    const offsets = game.offsets.map((o, i) => (i >= 2 ? o - 1 : o));
    const f = factorStrategies({ ...game, strategies, offsets });
    expect(f.nOpt[1]).toBe(0);
    expect(f.nOpt[0]).toBeGreaterThan(0);
    expect(f.nOpt[2]).toBeGreaterThan(0);
    for (const i of [0, 2])
      for (let a = 0; a < offsets[i + 1]! - offsets[i]!; a++)
        expect(factoredCode(f, game, i, a)).toBe(strategies[offsets[i]! + a]);
  });

  it('keeps option lists that share their length, first and last option apart, and reuses each', () => {
    // C = 4 options, M = 2 APs. UEs 0 and 2 have options (0, 1, 3), UE 1 has (0, 2, 3): the same
    // lookup key (n = 3, first 0, last 3) for two different lists. UE 2 must find the older list
    // behind the newer one, and UE 3 (options (0, 2, 3) on AP 1 only) the newer one.
    const C = 4;
    const sets = [
      [0, 1, 3, C, C + 1, C + 3],
      [0, 2, 3, C, C + 2, C + 3],
      [C, C + 1, C + 3],
      [C, C + 2, C + 3],
    ];
    const offsets = Int32Array.from([0, ...sets.map((_, i) => sets.slice(0, i + 1).flat().length)]);
    const g = { N: sets.length, M: 2, C, offsets, strategies: Int32Array.from(sets.flat()) };
    const f = factorStrategies(g);
    for (let i = 0; i < g.N; i++)
      for (let a = 0; a < sets[i]!.length; a++) expect(factoredCode(f, g, i, a)).toBe(sets[i]![a]);
    expect(Array.from(f.optLists)).toEqual([0, 1, 3, 0, 2, 3]); // two lists, each stored once
    expect([f.optStart[0], f.optStart[1], f.optStart[2], f.optStart[3]]).toEqual([0, 3, 0, 3]);
  });

  it('negative control: a permuted option order within one AP block is not taken for a product', () => {
    const game = games[1]!;
    const strategies = game.strategies.slice();
    const off = game.offsets[0]!;
    const n = factorStrategies(game).nOpt[0]!;
    expect(n).toBeGreaterThan(1);
    // Swap two options in the second AP block only (when UE 0 has two APs) or across the first block's end.
    const j = game.offsets[1]! - off > n ? off + n : off;
    [strategies[j], strategies[j + 1]] = [strategies[j + 1]!, strategies[j]!];
    expect(factorStrategies({ ...game, strategies }).nOpt[0]).toBe(0);
  });

  it('the slot kernel draws the same strategy codes through the tables as through the strategy array, slot after slot', () => {
    const game = games[0]!;
    const kernelOf = (factored: boolean): SlotKernel => {
      const kg = kernelGame(game, false);
      if (!factored) kg.nOpt.fill(0);
      const pool = new AutomatonPool(game.offsets, 0.05);
      const state = kernelState(kg, pool, new RngStreams(9, game.N), new RewardMap(game.N, 'range'), 0.99, false);
      state.playing.fill(1);
      return new SlotKernel(state);
    };
    const [a, b] = [kernelOf(true), kernelOf(false)];
    let differ = 0;
    let previous = a.state.codes.slice();
    for (let slot = 0; slot < 30; slot++) {
      for (const k of [a, b]) {
        k.draw(0, k.blocks);
        k.sumBlocks();
        k.learn(0, k.blocks);
      }
      expect(Array.from(a.state.codes)).toEqual(Array.from(b.state.codes));
      for (let i = 0; i < game.N; i++) if (a.state.codes[i] !== previous[i]) differ++;
      previous = a.state.codes.slice();
    }
    expect(differ).toBeGreaterThan(0); // the codes change from slot to slot: the comparison is not of constants
  });
});

describe('SlotKernel external UEs (the choose hook: masl-plus closing phase)', () => {
  const game = games[1]!;
  const kernelOf = (): SlotKernel => {
    const pool = new AutomatonPool(game.offsets, 0.05);
    const state = kernelState(
      kernelGame(game, false),
      pool,
      new RngStreams(4, game.N),
      new RewardMap(game.N, 'range'),
      0.99,
      false,
    );
    state.playing.fill(1);
    return new SlotKernel(state);
  };
  const pOf = (k: SlotKernel, i: number): number[] => {
    const out = new Float64Array(game.offsets[i + 1]! - game.offsets[i]!);
    k.pool.probabilities(i, out, 0);
    return Array.from(out);
  };

  it('an external UE plays the hook’s action, its automaton does not learn, and the others learn as without it', () => {
    const [plain, hooked] = [kernelOf(), kernelOf()];
    const ext = 7;
    const size = game.offsets[ext + 1]! - game.offsets[ext]!;
    const calls: number[] = [];
    hooked.state.external[ext] = 1;
    hooked.choose = (i) => {
      calls.push(i);
      return size - 1;
    };
    const before = pOf(hooked, ext);
    for (let slot = 0; slot < 40; slot++) {
      plain.slot();
      hooked.slot();
      expect(hooked.state.act[ext]).toBe(size - 1);
      expect(hooked.state.codes[ext]).toBe(game.strategies[game.offsets[ext]! + size - 1]);
    }
    expect(calls).toEqual(new Array<number>(40).fill(ext));
    expect(pOf(hooked, ext)).toEqual(before);
    expect(pOf(plain, ext)).not.toEqual(before); // negative control: not external, the automaton learns
  });

  it('without a hook an external UE ends the slot with a clear error (it is never drawn silently)', () => {
    const k = kernelOf();
    k.state.external[3] = 1;
    expect(() => k.slot()).toThrow(/^SlotKernel: UE 3 is external but no choose hook is set$/);
  });

  it('totals are the block sums of the slot (Σ T, UEs played, UEs converged)', () => {
    const k = kernelOf();
    k.slot();
    const t = new Float64Array(3);
    k.totals(t);
    let sum = 0;
    for (let i = 0; i < game.N; i++) sum += k.state.times[i]!;
    expect(t[1]).toBe(game.N);
    expect(t[0]).toBeCloseTo(sum, 9);
    expect(t[2]).toBe(Array.from(k.state.conv).reduce((a, b) => a + b, 0));
  });
});
